package org.ganimationstudio.studio;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.function.DoubleSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.Slider;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.ganimationstudio.service.PlainMessage;

/** The animation dialog's player: renders the frames once (in the background), plays them in a loop, scrubs. */
final class AnimationPlayer extends VBox {

    private final ImageView player = new ImageView();
    private final Slider scrub = new Slider(0, 1, 0);
    private final Button play = new Button("▶ Preview");
    private final DoubleFunction<CompletableFuture<List<BufferedImage>>> render;
    private final DoubleSupplier fps;
    private final Consumer<String> say;
    private final String note;
    private Timeline playback;
    private List<Image> frames = List.of();

    /**
     * @param render the frames at a frame rate, rendered off the FX thread
     * @param note   said after the frame count (say, that the export renders with the full model)
     */
    AnimationPlayer(DoubleFunction<CompletableFuture<List<BufferedImage>>> render, DoubleSupplier fps, Consumer<String> say,
                    String note) {
        super(6);
        this.render = render;
        this.fps = fps;
        this.say = say;
        this.note = note;
        player.setFitWidth(256);
        player.setFitHeight(256);
        player.setId("animation-player");
        player.setPreserveRatio(true);
        scrub.setDisable(true);
        scrub.valueProperty().addListener((o, a, v) -> showFrame(v.intValue()));
        play.setId("animation-preview");
        play.setOnAction(e -> toggle());
        getChildren().addAll(player, scrub, play);
    }

    /** Renders the frames and plays them in a loop; again to pause. */
    private void toggle() {
        if (playback != null) {
            stop();
            return;
        }
        if (!frames.isEmpty()) {
            start();
            return;
        }
        play.setDisable(true);
        say.accept("Rendering the preview…");
        double rate = fps.getAsDouble();
        render.apply(rate).whenComplete((images, error) -> Platform.runLater(() -> {
            play.setDisable(false);
            if (error != null) {
                say.accept(PlainMessage.of(error));
                return;
            }
            frames = images.stream().map(i -> (Image) SwingFXUtils.toFXImage(i, null)).toList();
            scrub.setMax(frames.size() - 1);
            scrub.setDisable(false);
            say.accept(frames.size() + " frames, " + String.format(Locale.ROOT, "%.1f", frames.size() / rate) + " s" + note);
            start();
        }));
    }

    private void start() {
        playback = new Timeline(new KeyFrame(Duration.seconds(1.0 / fps.getAsDouble()),
                e -> scrub.setValue(((int) scrub.getValue() + 1) % frames.size())));
        playback.setCycleCount(Timeline.INDEFINITE);
        playback.play();
        play.setText("❚❚ Pause");
    }

    void stop() {
        if (playback != null) {
            playback.stop();
            playback = null;
        }
        play.setText("▶ Preview");
    }

    private void showFrame(int i) {
        if (i >= 0 && i < frames.size()) {
            player.setImage(frames.get(i));
        }
    }

    /** The settings changed: the frames are rendered again on the next play. */
    void invalidate() {
        stop();
        frames = List.of();
        scrub.setDisable(true);
    }
}
