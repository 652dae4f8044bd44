package org.ganimationstudio.studio;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.service.AnimationExport;
import org.ganimationstudio.service.AnimationSettings;
import org.ganimationstudio.service.Easing;
import org.ganimationstudio.service.PhotoFaces;
import org.ganimationstudio.service.PlainMessage;
import org.ganimationstudio.service.studio.Studio;

/**
 * File ▸ Export animation: an interpolation from a start expression to the sliders' (or a keyframes
 * file), its timing, a player to watch it before encoding, and the GIF/MP4 export with progress and cancel.
 */
final class AnimationDialog {

    /** Where the animation starts. */
    enum Start {
        PHOTO("The photo as it is"), NEUTRAL("A neutral face (all AUs 0)"), KEYFRAMES("A keyframes file…");

        private final String label;

        Start(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final List<Integer> SIZES = List.of(0, 1024, 512, 256);

    private final Studio studio;
    private final PhotoFaces face;
    private final PhotoFaces full;
    private final int selected;
    private final List<AuVector> targets;
    private final AuVector target;
    private final Stage stage = new Stage();
    private final ChoiceBox<Start> start = new ChoiceBox<>();
    private final Spinner<Double> duration = new Spinner<>(0.2, 30.0, 2.0, 0.5);
    private final Spinner<Integer> fps = new Spinner<>(1, 60, 15);
    private final ChoiceBox<Easing> easing = new ChoiceBox<>();
    private final CheckBox pingPong = new CheckBox("Play forward, then back (loops seamlessly)");
    private final ChoiceBox<String> format = new ChoiceBox<>();
    private final ChoiceBox<String> what = new ChoiceBox<>();
    private final ChoiceBox<Integer> size = new ChoiceBox<>();
    private final AnimationPlayer player;
    private final ProgressBar progress = new ProgressBar(0);
    private final Label message = new Label();
    private final Button export = new Button("Export…");
    private final Button cancel = new Button("Cancel");
    private Path keyframes;
    private AtomicBoolean cancelFlag;

    /** Animates face {@code selected} of {@code full} to its target; the other faces keep their {@code targets}. */
    AnimationDialog(Window owner, Studio studio, PhotoFaces full, int selected, List<AuVector> targets) {
        this.studio = studio;
        this.full = full;
        this.selected = selected;
        this.targets = List.copyOf(targets);
        this.face = Studio.fullFace(full, selected);
        this.target = targets.get(selected);
        this.player = new AnimationPlayer(rate -> studio.background(timeline())
                .thenCompose(t -> studio.previewFrames(face, t, rate, pingPong.isSelected())), () -> fps.getValue(),
                message::setText, studio.hasDraftGenerator() ? " (quick preview: the export renders with the full model)" : "");
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Export animation");

        start.getItems().setAll(Start.values());
        start.setValue(Start.PHOTO); // the first frame is the photo itself
        start.setId("animation-start");
        start.valueProperty().addListener((o, was, now) -> {
            if (now == Start.KEYFRAMES && keyframes == null) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Keyframes file");
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Keyframes (JSON)", "*.json"));
                File f = chooser.showOpenDialog(stage);
                if (f == null) {
                    start.setValue(was);
                    return;
                }
                keyframes = f.toPath();
            }
            duration.setDisable(now == Start.KEYFRAMES);
            easing.setDisable(now == Start.KEYFRAMES);
            player.invalidate();
        });
        easing.getItems().setAll(Easing.values());
        easing.setValue(Easing.EASE_IN_OUT);
        easing.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Easing e) {
                return e == null ? "" : e.id();
            }

            @Override
            public Easing fromString(String s) {
                return Easing.parse(s);
            }
        });
        duration.setEditable(true);
        duration.setId("animation-duration");
        fps.setEditable(true);
        fps.setId("animation-fps");
        format.getItems().setAll("GIF", "MP4");
        format.setValue("GIF");
        format.setId("animation-format");
        what.getItems().setAll("The whole photo", "The face alone");
        what.setValue("The whole photo");
        size.getItems().setAll(SIZES);
        size.setValue(512);
        size.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer s) {
                return s == null ? "" : s == 0 ? "Photo size (at most 1920 px)" : "at most " + s + " px";
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        for (var control : List.of(duration.valueProperty(), fps.valueProperty(), easing.valueProperty(),
                pingPong.selectedProperty())) {
            control.addListener((o, a, b) -> player.invalidate());
        }

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        int row = 0;
        form.addRow(row++, new Label("Start"), start);
        form.addRow(row++, new Label("End"), new Label("The sliders' expression"));
        form.addRow(row++, new Label("Duration (s)"), duration);
        form.addRow(row++, new Label("Frames per second"), fps);
        form.addRow(row++, new Label("Easing"), easing);
        form.add(pingPong, 0, row++, 2, 1);
        form.addRow(row++, new Label("Format"), format);
        form.addRow(row++, new Label("Show"), what);
        form.addRow(row++, new Label("Size"), size);

        player.setPrefWidth(260);

        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setVisible(false);
        message.setWrapText(true);
        message.setId("animation-message");
        export.setId("animation-export");
        export.setDefaultButton(true);
        export.setOnAction(e -> chooseAndExport());
        cancel.setOnAction(e -> {
            if (cancelFlag != null) {
                cancelFlag.set(true);
            } else {
                stage.close();
            }
        });
        HBox buttons = new HBox(8, export, cancel);
        VBox root = new VBox(12, new HBox(18, form, player), progress, message, buttons);
        root.setPadding(new Insets(14));
        stage.setScene(new Scene(root));
        stage.setOnHidden(e -> {
            player.stop();
            if (cancelFlag != null) {
                cancelFlag.set(true);
            }
        });
    }

    void show() {
        stage.show();
    }

    Stage stage() {
        return stage;
    }

    private void chooseAndExport() {
        FileChooser chooser = new FileChooser();
        String ext = format.getValue().toLowerCase(Locale.ROOT);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.getValue(), "*." + ext));
        Path source = face.photo().source();
        if (source != null) {
            String name = source.getFileName().toString();
            chooser.setInitialFileName(name.replaceFirst("\\.[^.]+$", "") + "-animation." + ext);
            if (source.getParent() != null) {
                chooser.setInitialDirectory(source.getParent().toFile());
            }
        }
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            String chosen = f.getName().toLowerCase(Locale.ROOT);
            export(chosen.endsWith(".gif") || chosen.endsWith(".mp4") ? f.toPath() : Path.of(f.getPath() + "." + ext));
        }
    }

    /** Encodes to {@code target} with the dialog's settings (the file chooser's continuation; tests call it). */
    CompletableFuture<AnimationExport.Result> export(Path target) {
        AtomicBoolean cancelled = new AtomicBoolean();
        cancelFlag = cancelled;
        export.setDisable(true);
        progress.setVisible(true);
        progress.setProgress(0);
        message.setText("Rendering…");
        AnimationSettings settings = new AnimationSettings(fps.getValue(), pingPong.isSelected(), size.getValue(),
                what.getSelectionModel().getSelectedIndex() == 1);
        long started = System.nanoTime();
        CompletableFuture<AnimationExport.Result> done = studio.background(timeline()).thenCompose(t -> {
            int total = t.frames(settings.fps(), settings.pingPong()).size();
            return studio.exportAnimation(full, selected, targets, t, settings, target, cancelled::get,
                    n -> Platform.runLater(() -> {
                        progress.setProgress((double) n / total);
                        message.setText("Frame " + n + " of " + total + StudioModel.eta(started, n, total));
                    }));
        });
        done.whenComplete((r, error) -> Platform.runLater(() -> {
            cancelFlag = null;
            export.setDisable(false);
            progress.setVisible(false);
            if (error != null) {
                message.setText(cancelled.get() ? "Cancelled; nothing was written." : PlainMessage.of(error));
            } else {
                message.setText("Wrote " + r.file().getFileName() + ": " + r.frames() + " frames, " + r.width() + "×" + r.height());
            }
        }));
        return done;
    }

    /**
     * The timeline the controls describe, read on the FX thread and built later: it may ask the estimator
     * for the face's AUs or read a file, so it is built off the FX thread.
     */
    private java.util.function.Supplier<org.ganimationstudio.service.Timeline> timeline() {
        Start s = start.getValue();
        double seconds = duration.getValue();
        Easing ease = easing.getValue();
        Path file = keyframes;
        return () -> {
            try {
                return switch (s) {
                    case NEUTRAL -> org.ganimationstudio.service.Timeline.between(AuVector.zero(), target, seconds, ease);
                    case PHOTO -> org.ganimationstudio.service.Timeline.between(studio.currentAus(face), target, seconds, ease);
                    case KEYFRAMES -> org.ganimationstudio.service.Timeline.read(file, () -> studio.currentAus(face));
                };
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }
}
