package org.ganimationstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.service.PhotoEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Several faces of one photo, each edited on its own, and an expression copied from another photo: the real window. */
class StudioFacesTest extends StudioUiTest {

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        show(stage);
    }

    /** The sample at 400 px on the left and at 512 px on the right: the right face is the larger. */
    private Path pair() throws Exception {
        BufferedImage sample = ImageIO.read(StudioFixture.SAMPLE.toFile());
        BufferedImage two = new BufferedImage(1024, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = two.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(sample, 56, 56, 400, 400, null);
        g.drawImage(sample, 512, 0, null);
        g.dispose();
        Path pair = tmp.resolve("pair.png");
        ImageIO.write(two, "png", pair.toFile());
        return pair;
    }

    @Test
    void twoFacesOfOnePhotoAreEditedIndependently(FxRobot robot) throws Exception {
        Path file = pair();
        int[] photo = rgb(ImageIO.read(file.toFile()));
        StudioFixture.open(window, file);
        PhotoEdit edit = window.model().edit();
        assertThat(edit.count()).isEqualTo(2);
        // the largest face (the right one) is selected, and the photo shows untouched
        assertThat(edit.selected()).isZero();
        assertThat(edit.faces().faces().get(0).centerX()).isGreaterThan(512);
        assertThat(StudioFixture.pixels(window.previewView().getImage())).isEqualTo(photo);
        AuVector ownRight = edit.own(0);
        AuVector ownLeft = edit.own(1);

        // each face has its own intensity
        robot.interact(() -> window.model().intensityProperty().set(0.4));

        // edit the right face: its half changes, the left half stays the photo's
        Image before = window.previewView().getImage();
        robot.interact(() -> window.slider("AU26").setValue(1.0));
        int[] rightEdited = awaitPreview(p -> p != before);
        assertThat(changed(photo, rightEdited, 512, 1024)).isGreaterThan(300);
        assertThat(changed(photo, rightEdited, 0, 512)).isZero();

        // pick the left face: the sliders show its own reading; the right face keeps its edit, nothing re-renders
        robot.clickOn(window.photoView().outlineNodes().get(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(edit.selected()).isEqualTo(1);
        assertThat(window.slider("AU26").getValue()).isCloseTo(ownLeft.get("AU26"), Offset.offset(1e-6));
        assertThat(window.slider("AU12").getValue()).isCloseTo(ownLeft.get("AU12"), Offset.offset(1e-6));
        assertThat(edit.session(0).shown()).isEqualTo(ownRight.with("AU26", 1f));
        assertThat(StudioFixture.pixels(window.previewView().getImage())).isEqualTo(rightEdited);
        assertThat(window.model().intensityProperty().get()).isEqualTo(1.0);

        // edit the left face too: both halves now differ from the photo, the right one exactly as before
        Image mid = window.previewView().getImage();
        robot.interact(() -> window.slider("AU12").setValue(0.0));
        robot.interact(() -> window.slider("AU04").setValue(1.0));
        int[] both = awaitPreview(p -> p != mid && window.model().edit().session(1).shown().get("AU04") == 1f);
        assertThat(changed(photo, both, 0, 512)).isGreaterThan(300);
        assertThat(changed(rightEdited, both, 512, 1024)).isZero();
        assertThat(edit.session(0).shown()).isEqualTo(ownRight.with("AU26", 1f));

        // undo steps back the left face's own history only
        robot.interact(() -> window.undo());
        robot.interact(() -> window.undo());
        assertThat(edit.session(1).shown()).isEqualTo(ownLeft);
        assertThat(edit.session(0).shown()).isEqualTo(ownRight.with("AU26", 1f));
        robot.interact(() -> window.model().selectFace(0));
        assertThat(window.model().intensityProperty().get()).isEqualTo(0.4);
        assertThat(window.slider("AU26").getValue()).isEqualTo(1.0);

        // the export writes every face as edited: the right face changed, the left one back to the photo
        Path out = tmp.resolve("both.png");
        CompletableFuture<CompletableFuture<Path>> f = new CompletableFuture<>();
        Platform.runLater(() -> f.complete(window.exportImage(out)));
        f.get(10, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
        int[] written = rgb(ImageIO.read(out.toFile()));
        assertThat(changed(photo, written, 512, 1024)).isGreaterThan(300);
        assertThat(changed(photo, written, 0, 512)).isZero();
        assertThat(window.model().unsavedProperty().get()).isFalse();

        // a new photo selects its largest face afresh
        robot.interact(() -> window.model().selectFace(1));
        StudioFixture.open(window, StudioFixture.SAMPLE);
        assertThat(window.model().edit().selected()).isZero();
    }

    @Test
    void slidersShowTheirValueTakeATypedOneAndMarkTheFaceAsPhotographed(FxRobot robot) throws Exception {
        StudioFixture.open(window, StudioFixture.SAMPLE);
        AuVector own = window.model().edit().own(0);
        WaitForAsyncUtils.waitForFxEvents();
        var mark = window.sliderPanel().mark("AU12");
        assertThat(mark.isVisible()).isTrue();
        assertThat(((Float) mark.getUserData()).doubleValue()).isCloseTo(own.get("AU12"), Offset.offset(1e-6));
        Slider au12 = window.slider("AU12");
        // the mark sits along the track where the face's own value is
        double track = au12.getWidth();
        assertThat(mark.getLayoutX() / track).isCloseTo(own.get("AU12"), Offset.offset(0.1));

        TextField field = window.sliderPanel().field("AU12");
        assertThat(field.getText()).isEqualTo(SliderPanel.format(au12.getValue()));
        robot.interact(() -> {
            field.requestFocus();
            field.setText("0.3");
            field.end();
        });
        robot.type(KeyCode.DIGIT7).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(field.getText()).isEqualTo("0.37");
        assertThat(au12.getValue()).isEqualTo(0.37);
        assertThat(window.session().shown().get("AU12")).isEqualTo(0.37f);
        assertThat(window.model().overlayProperty().get()).as("typing '3' is not the colour-mask shortcut")
                .isEqualTo(StudioModel.MaskOverlay.NONE);
        robot.interact(() -> field.setText("lots"));
        robot.interact(() -> field.fireEvent(new javafx.event.ActionEvent()));
        assertThat(field.getText()).as("not a number: the value stays").isEqualTo("0.37");
        robot.interact(() -> field.setText("7"));
        robot.interact(() -> field.fireEvent(new javafx.event.ActionEvent()));
        assertThat(au12.getValue()).as("clamped to the slider's range").isEqualTo(1.0);

        // the intensity shows its number and moves the last preset live, one undo step per move
        robot.interact(() -> ((javafx.scene.control.Button) window.control("preset-happiness")).fire());
        AuVector full = window.session().shown();
        Slider intensity = (Slider) window.control("preset-intensity");
        robot.interact(() -> {
            intensity.requestFocus();
        });
        robot.type(KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((javafx.scene.control.Label) window.control("preset-intensity-value")).getText()).isEqualTo("0.75");
        assertThat(window.session().shown().get("AU12")).isCloseTo((float) (own.get("AU12") + 0.75 * (1 - own.get("AU12"))),
                Offset.offset(1e-5f));
        robot.interact(() -> window.undo());
        assertThat(window.session().shown()).isEqualTo(full);
    }

    @Test
    void anExpressionIsCopiedFromAnotherPhotoAtTheChosenIntensity(FxRobot robot) throws Exception {
        // the source: the sample with a strong edit, written by the studio itself
        StudioFixture.open(window, StudioFixture.SAMPLE);
        robot.interact(() -> ((javafx.scene.control.Button) window.control("preset-surprise")).fire());
        Path source = tmp.resolve("surprised.png");
        CompletableFuture<CompletableFuture<Path>> w = new CompletableFuture<>();
        Platform.runLater(() -> w.complete(window.exportImage(source)));
        w.get(10, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
        AuVector read = window.studio().expressionOf(source).get(60, TimeUnit.SECONDS);

        Path target = tmp.resolve("target.png");
        Files.copy(StudioFixture.SAMPLE, target);
        StudioFixture.open(window, target);
        AuVector own = window.model().edit().own(0);
        assertThat(read).as("the source's expression differs from the face's own").isNotEqualTo(own);
        robot.interact(() -> window.model().intensityProperty().set(0.5));
        CompletableFuture<CompletableFuture<AuVector>> c = new CompletableFuture<>();
        Platform.runLater(() -> c.complete(window.model().copyExpressionFrom(source)));
        c.get(10, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        AuVector half = own.interpolate(read, 0.5);
        assertThat(window.session().shown()).isEqualTo(half);
        assertThat(window.slider("AU01").getValue()).isCloseTo(half.get("AU01"), Offset.offset(1e-6));
        // one undo step takes it back
        robot.interact(() -> window.undo());
        assertThat(window.session().shown()).isEqualTo(own);

        // at intensity 1 the face takes the source's expression
        robot.interact(() -> window.model().intensityProperty().set(1));
        CompletableFuture<CompletableFuture<AuVector>> all = new CompletableFuture<>();
        Platform.runLater(() -> all.complete(window.model().copyExpressionFrom(source)));
        all.get(10, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.session().shown()).isEqualTo(read);
        assertThat(window.slider("AU01").getValue()).isCloseTo(read.get("AU01"), Offset.offset(1e-6));
    }

    /** Waits (up to a minute) for the preview image to pass {@code shown}, then returns its pixels. */
    private int[] awaitPreview(Predicate<Image> shown) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        WaitForAsyncUtils.waitForFxEvents();
        while (!shown.test(window.previewView().getImage()) && System.nanoTime() < deadline) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(shown.test(window.previewView().getImage())).as("the preview arrived").isTrue();
        return StudioFixture.pixels(window.previewView().getImage());
    }

    private static int[] rgb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** Pixels that differ in columns [x0, x1) of two 1024-wide (or 512-wide) images. */
    private static int changed(int[] a, int[] b, int x0, int x1) {
        int width = a.length / 512;
        int n = 0;
        for (int y = 0; y < 512; y++) {
            for (int x = x0; x < Math.min(x1, width); x++) {
                n += (a[y * width + x] & 0xffffff) != (b[y * width + x] & 0xffffff) ? 1 : 0;
            }
        }
        return n;
    }
}
