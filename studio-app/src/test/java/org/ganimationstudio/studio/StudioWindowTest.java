package org.ganimationstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless (Monocle): open the sample, move a slider, see the preview change. */
class StudioWindowTest extends StudioUiTest {

    @Start
    void start(Stage stage) throws Exception {
        show(stage);
    }

    private static final Path ROOT = StudioFixture.ROOT;



    @Test
    void keysMoveASliderByPreciseSteps(FxRobot robot) throws Exception {
        StudioFixture.open(window, StudioFixture.SAMPLE);
        javafx.scene.control.Slider au12 = window.slider("AU12");
        robot.interact(() -> {
            au12.setValue(0.5);
            au12.requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(au12.getValue()).isEqualTo(0.51);
        robot.press(javafx.scene.input.KeyCode.SHIFT).type(javafx.scene.input.KeyCode.LEFT)
                .release(javafx.scene.input.KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(au12.getValue()).isEqualTo(0.41);
        robot.type(javafx.scene.input.KeyCode.PAGE_UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(au12.getValue()).isEqualTo(0.66);
        robot.type(javafx.scene.input.KeyCode.END);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(au12.getValue()).isEqualTo(1.0);
        robot.type(javafx.scene.input.KeyCode.HOME);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(au12.getValue()).isEqualTo(0.0);
    }

    @Test
    void movingASliderChangesThePreviewAndTheUiStaysResponsive(FxRobot robot) throws Exception {
        StudioFixture.open(window, StudioFixture.SAMPLE);
        Image before = window.previewView().getImage();
        assertThat(before.getWidth()).isEqualTo(512);
        int[] beforePixels = pixels(before);

        robot.interact(() -> window.slider("AU12").setValue(1.0));
        robot.interact(() -> window.slider("AU26").setValue(1.0));
        // while the render runs, the FX thread answers quickly
        long worst = 0;
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            CompletableFuture<Void> ping = new CompletableFuture<>();
            Platform.runLater(() -> ping.complete(null));
            ping.get(5, TimeUnit.SECONDS);
            worst = Math.max(worst, System.nanoTime() - t);
        }
        assertThat(worst).as("FX thread round trip while rendering").isLessThan(TimeUnit.MILLISECONDS.toNanos(250));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (window.previewView().getImage() == before && System.nanoTime() < deadline) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        WaitForAsyncUtils.waitForFxEvents();
        int[] afterPixels = pixels(window.previewView().getImage());
        int changed = 0;
        for (int i = 0; i < afterPixels.length; i++) {
            changed += afterPixels[i] != beforePixels[i] ? 1 : 0;
        }
        // the face changed, most of the photo did not
        assertThat(changed).isGreaterThan(500).isLessThan(afterPixels.length / 2);
        assertThat(window.slider("AU12").getValue()).isEqualTo(1.0);

        // before/after shows the untouched photo, then the edit again
        robot.interact(() -> ((javafx.scene.control.ToggleButton) window.control("before-after")).fire());
        java.awt.image.BufferedImage photo = javax.imageio.ImageIO.read(ROOT.resolve("assets/samples/astronaut.png").toFile());
        int[] photoPixels = photo.getRGB(0, 0, photo.getWidth(), photo.getHeight(), null, 0, photo.getWidth());
        assertThat(java.util.Arrays.equals(pixels(window.previewView().getImage()), photoPixels))
                .as("'Before' shows the photo itself").isTrue();
        robot.interact(() -> ((javafx.scene.control.ToggleButton) window.control("before-after")).fire());
        // (a newer render may have landed meanwhile: compare with the photo, not with one image)
        assertThat(java.util.Arrays.equals(pixels(window.previewView().getImage()), photoPixels))
                .as("'After' shows the edit again").isFalse();
    }

    @Test
    void aPhotoOpensUntouchedWithTheSlidersAtItsOwnReading(FxRobot robot) throws Exception {
        StudioFixture.open(window, StudioFixture.SAMPLE);
        java.awt.image.BufferedImage photo = javax.imageio.ImageIO.read(ROOT.resolve("assets/samples/astronaut.png").toFile());
        int[] photoPixels = photo.getRGB(0, 0, photo.getWidth(), photo.getHeight(), null, 0, photo.getWidth());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pixels(window.previewView().getImage())).as("the photo as the file holds it").isEqualTo(photoPixels);
        // the sliders show the face as the AU estimator reads it: the sample smiles
        assertThat(window.slider("AU12").getValue()).isBetween(0.05, 1.0);
        assertThat(window.slider("AU06").getValue()).isBetween(0.05, 1.0);
        // and nothing was painted: the session's values are the face's own
        assertThat(window.session().shown()).isEqualTo(window.session().faces().own(null).get(0));
        // the window is titled with the photo, unmarked until an edit is made
        assertThat(window.model().titleProperty().get()).isEqualTo("astronaut.png — GANimation Studio");
        robot.clickOn("#preset-happiness");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.model().titleProperty().get()).isEqualTo("*astronaut.png — GANimation Studio");
    }

    @Test
    void presetsSetTheSlidersAsOneUndoableStep(FxRobot robot) throws Exception {
        StudioFixture.open(window, StudioFixture.SAMPLE);
        double own12 = window.slider("AU12").getValue();
        double own06 = window.slider("AU06").getValue();
        assertThat(own12).isBetween(0.05, 1.0);
        robot.interact(() -> ((javafx.scene.control.Slider) window.control("preset-intensity")).setValue(0.5));
        robot.interact(() -> ((javafx.scene.control.Button) window.control("preset-happiness")).fire());
        // half way from the face as photographed to the preset (AU12 1.0, AU06 0.8)
        assertThat(window.slider("AU12").getValue()).isCloseTo(own12 + 0.5 * (1 - own12), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(window.slider("AU06").getValue()).isCloseTo(own06 + 0.5 * (0.8 - own06), org.assertj.core.data.Offset.offset(1e-6));
        robot.interact(() -> ((javafx.scene.control.Button) window.control("neutralise")).fire());
        assertThat(window.slider("AU12").getValue()).isZero();
        robot.interact(() -> window.undo());
        assertThat(window.slider("AU12").getValue()).isCloseTo(own12 + 0.5 * (1 - own12), org.assertj.core.data.Offset.offset(1e-6));
        robot.interact(() -> window.undo());
        assertThat(window.slider("AU12").getValue()).isCloseTo(own12, org.assertj.core.data.Offset.offset(1e-6));
        robot.interact(() -> ((javafx.scene.control.Button) window.control("neutralise")).fire());
        assertThat(window.slider("AU12").getValue()).isZero();

        // read from photo: the sliders go back to the estimator's reading of the face (a smiling portrait)
        robot.interact(() -> ((javafx.scene.control.Button) window.control("read-from-photo")).fire());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (window.slider("AU12").getValue() == 0 && System.nanoTime() < deadline) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        assertThat(window.slider("AU12").getValue()).isCloseTo(own12, org.assertj.core.data.Offset.offset(1e-6));
        robot.interact(() -> ((javafx.scene.control.Button) window.control("neutralise")).fire());
        // the attention mask of the current render lies over the face at the model's crop size
        robot.interact(() -> window.showOverlay(StudioModel.MaskOverlay.ATTENTION));
        javafx.scene.image.ImageView a = (javafx.scene.image.ImageView) window.control("mask-overlay");
        // (it comes with the first render of the face, which may still be on its way)
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!a.isVisible() && System.nanoTime() < deadline) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        assertThat(a.isVisible()).isTrue();
        assertThat(a.getImage().getWidth()).isEqualTo(128);
        javafx.geometry.Bounds face = a.localToScene(a.getBoundsInLocal());
        javafx.geometry.Bounds photo = window.previewView().localToScene(window.previewView().getBoundsInLocal());
        assertThat(photo.contains(face.getCenterX(), face.getCenterY())).as("mask centre on the photo").isTrue();
        assertThat(face.getWidth()).isLessThan(photo.getWidth());
        robot.interact(() -> window.showOverlay(StudioModel.MaskOverlay.NONE));
        assertThat(a.isVisible()).isFalse();
    }

    private static int[] pixels(Image image) {
        return StudioFixture.pixels(image);
    }
}
