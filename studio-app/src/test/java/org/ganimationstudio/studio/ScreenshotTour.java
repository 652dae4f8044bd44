package org.ganimationstudio.studio;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Slider;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.ganimationstudio.service.ShippedModels;
import org.ganimationstudio.service.studio.BatchOptions;
import org.ganimationstudio.service.studio.StudioSettings;

/**
 * Takes the user guide's screenshots of the real window on a real display (run it under Xvfb with
 * {@code studio-app/screenshots.sh}): the shipped model on the sample portrait, step by step.
 */
public final class ScreenshotTour {

    private static Path out;

    public static void main(String[] args) {
        out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Application.launch(App.class);
    }

    /** The JavaFX side; a plain main class keeps the launcher from asking for JavaFX modules. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            ScreenshotTour.start(stage);
        }
    }

    private static void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Thread tour = new Thread(() -> {
            int status = 0;
            try {
                run(stage);
            } catch (Throwable e) {
                e.printStackTrace();
                status = 1;
            }
            Platform.exit();
            System.exit(status);
        }, "tour");
        tour.setDaemon(true);
        tour.start();
    }

    private static void run(Stage stage) throws Exception {
        Files.createDirectories(out);
        Preferences prefs = Preferences.userRoot().node("org/ganimationstudio/tour/" + UUID.randomUUID());
        StudioWindow window = fx(() -> {
            StudioWindow w = new StudioWindow(StudioApp::openStudio, new StudioSettings(prefs));
            stage.setTitle("GANimation Studio");
            stage.setScene(new Scene(w.root(), 1280, 800));
            stage.setX(0);
            stage.setY(0);
            stage.show();
            return w;
        });
        fx(() -> window.open(ShippedModels.samplePhoto())).get(120, TimeUnit.SECONDS);
        settle();
        shoot(stage, "studio-open.png");

        fx(() -> {
            ((Slider) window.control("preset-intensity")).setValue(0.8);
            ((Button) window.control("preset-happiness")).fire();
            return null;
        });
        settle();
        shoot(stage, "studio-smile.png");

        fx(() -> {
            window.slider("AU26").setValue(0.9);
            window.slider("AU01").setValue(0.7);
            window.slider("AU02").setValue(0.7);
            return null;
        });
        settle();
        shoot(stage, "studio-sliders.png");

        fx(() -> {
            window.showOverlay(StudioModel.MaskOverlay.ATTENTION);
            return null;
        });
        settle();
        shoot(stage, "studio-attention.png");
        fx(() -> {
            window.showOverlay(StudioModel.MaskOverlay.COLOR);
            return null;
        });
        settle();
        shoot(stage, "studio-colour.png");
        fx(() -> {
            window.showOverlay(StudioModel.MaskOverlay.NONE);
            return null;
        });

        // the split view: the photo as it was left of the divider, the edit right of it
        fx(() -> {
            window.model().viewModeProperty().set(StudioModel.ViewMode.SPLIT);
            return null;
        });
        settle();
        shoot(stage, "studio-split.png");
        fx(() -> {
            window.model().viewModeProperty().set(StudioModel.ViewMode.EDITED);
            return null;
        });

        AnimationDialog dialog = fx(window::openAnimationDialog);
        fx(() -> {
            dialog.stage().setX(180);
            dialog.stage().setY(120);
            ((Button) dialog.stage().getScene().getRoot().lookup("#animation-preview")).fire();
            return null;
        });
        Thread.sleep(15000);
        shoot(dialog.stage(), "studio-export-animation.png");
        fx(() -> {
            dialog.stage().close();
            return null;
        });
        // a batch of three photos and one unreadable file, to show the summary
        Path in = Files.createTempDirectory("tour-batch");
        for (String name : new String[] {"alice.png", "bob.png", "carol.png"}) {
            Files.copy(ShippedModels.samplePhoto(), in.resolve(name));
        }
        Files.write(in.resolve("scan.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Path batchOut = Files.createTempDirectory("tour-batch-out");
        BatchDialog batch = fx(window::openBatchDialog);
        fx(() -> {
            batch.stage().setX(180);
            batch.stage().setY(120);
            return batch.start(in, batchOut, new BatchOptions(false, BatchOptions.Output.STILL_SAME_FORMAT, false));
        }).get(5, TimeUnit.MINUTES);
        settle();
        shoot(batch.stage(), "studio-batch.png");
        fx(() -> {
            batch.stage().close();
            return null;
        });
        // two faces of one photo, each with its own edit: the sample twice, side by side
        java.awt.image.BufferedImage sample = ImageIO.read(ShippedModels.samplePhoto().toFile());
        java.awt.image.BufferedImage two = new java.awt.image.BufferedImage(1024, 512, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = two.createGraphics();
        g.drawImage(sample, 0, 0, null);
        g.drawImage(sample, 512, 0, null);
        g.dispose();
        Path pair = Files.createTempDirectory("tour-pair").resolve("two-faces.png");
        ImageIO.write(two, "png", pair.toFile());
        fx(() -> window.open(pair)).get(120, TimeUnit.SECONDS);
        fx(() -> {
            ((Slider) window.control("preset-intensity")).setValue(0.9);
            ((Button) window.control("preset-happiness")).fire();
            window.model().selectFace(1);
            ((Button) window.control("preset-surprise")).fire();
            return null;
        });
        settle();
        shoot(stage, "studio-two-faces.png");
        window.close();
        prefs.removeNode();
    }

    /** Lets renders land and the window repaint. */
    private static void settle() throws InterruptedException {
        Thread.sleep(4000);
    }

    private static void shoot(Window w, String name) throws Exception {
        var image = fx(() -> new Robot().getScreenCapture(null, new Rectangle2D(w.getX(), w.getY(), w.getWidth(), w.getHeight())));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.resolve(name).toFile());
        System.out.println("wrote " + out.resolve(name));
    }

    private static <T> T fx(java.util.concurrent.Callable<T> action) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(action.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }
}
