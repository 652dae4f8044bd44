package org.ganimationstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.ganimationstudio.service.AnimationExport;
import org.ganimationstudio.service.DecodedAnimation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.ganimationstudio.service.studio.Studio;
import org.ganimationstudio.service.studio.StudioSettings;

/** The real window, headless: exports, faces to pick or draw, settings and recent files. */
class StudioExportsTest extends StudioUiTest {

    @Start
    void start(Stage stage) throws Exception {
        show(stage);
    }


    @TempDir
    Path tmp;


    @Test
    void exportsAStillASheetAndAnAnimationWithAPreviewPlayer(FxRobot robot) throws Exception {
        StudioFixture.open(window, StudioFixture.SAMPLE);
        robot.interact(() -> ((javafx.scene.control.Button) window.control("preset-happiness")).fire());

        Path still = tmp.resolve("out/edited.jpg");
        Path written = onFx(() -> window.exportImage(still)).get(60, TimeUnit.SECONDS);
        BufferedImage image = ImageIO.read(written.toFile());
        assertThat(image.getWidth()).isEqualTo(512);
        assertThat(image.getHeight()).isEqualTo(512);

        Path sheet = tmp.resolve("sheet.png");
        onFx(() -> window.exportSheet(sheet)).get(120, TimeUnit.SECONDS);
        BufferedImage grid = ImageIO.read(sheet.toFile());
        assertThat(grid.getWidth()).isGreaterThanOrEqualTo(9 * 128);
        assertThat(grid.getHeight()).isGreaterThanOrEqualTo(8 * 128);

        // the sample itself is refused as a target: a source photo is never overwritten
        assertThatThrownBy(() -> onFx(() -> window.exportImage(StudioFixture.SAMPLE)).get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        WaitForAsyncUtils.waitForFxEvents();
        closeAlerts(robot);

        AnimationDialog dialog = onFx(() -> CompletableFuture.completedFuture(window.openAnimationDialog())).get();
        Node root = dialog.stage().getScene().getRoot();
        robot.interact(() -> {
            ((Spinner<Double>) root.lookup("#animation-duration")).getValueFactory().setValue(1.0);
            ((Spinner<Integer>) root.lookup("#animation-fps")).getValueFactory().setValue(8);
        });
        // the player renders the frames and plays them
        robot.interact(() -> ((javafx.scene.control.Button) root.lookup("#animation-preview")).fire());
        ImageView player = (ImageView) root.lookup("#animation-player");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (player.getImage() == null && System.nanoTime() < deadline) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        assertThat(player.getImage()).as("preview frame").isNotNull();
        assertThat(player.getImage().getWidth()).isEqualTo(128);

        Path gif = tmp.resolve("smile.gif");
        AnimationExport.Result r = onFx(() -> dialog.export(gif)).get(120, TimeUnit.SECONDS);
        assertThat(r.frames()).isEqualTo(8);
        DecodedAnimation decoded = DecodedAnimation.read(gif);
        assertThat(decoded.frameCount()).isEqualTo(8);
        assertThat(DecodedAnimation.gifLoopsForever(gif)).isTrue();
        assertThat(decoded.difference(0, 7)).as("first and last frames differ").isGreaterThan(0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((javafx.scene.control.Label) root.lookup("#animation-message")).getText()).startsWith("Wrote smile.gif");
        robot.interact(() -> dialog.stage().close());
    }

    @Test
    void aPhotoWithoutAFaceWaitsForABoxDrawnAroundIt(FxRobot robot) throws Exception {
        // the sample's face, pasted small into a wide grey canvas the detector does not find it in... or
        // a plain canvas: either way, the user points the face out
        BufferedImage canvas = new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.GRAY, 640, 400, java.awt.Color.ORANGE));
        g.fillRect(0, 0, 640, 400);
        g.dispose();
        Path blank = tmp.resolve("no-face.png");
        ImageIO.write(canvas, "png", blank.toFile());
        StudioFixture.open(window, blank);
        assertThat(window.model().drawModeProperty().get()).isTrue();
        assertThat(window.status().getText()).contains("No face found");
        assertThat(window.session()).isNull();

        // drag a box on the photo, as a user would
        ImageView view = window.previewView();
        double k = view.getBoundsInLocal().getWidth() / 640;
        Point2D from = view.localToScreen(200 * k, 100 * k);
        Point2D to = view.localToScreen(400 * k, 300 * k);
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((window.session() == null || window.photoView().outlineNodes().isEmpty()) && System.nanoTime() < deadline) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        assertThat(window.session()).as("a session on the drawn face").isNotNull();
        var face = window.session().faces().faces().get(0);
        assertThat(face.centerX()).isCloseTo(300, org.assertj.core.data.Offset.offset(12.0));
        assertThat(face.centerY()).isCloseTo(200, org.assertj.core.data.Offset.offset(12.0));
        assertThat(face.size()).isCloseTo(200, org.assertj.core.data.Offset.offset(12.0));
        assertThat(window.model().drawModeProperty().get()).isFalse();
    }

    @Test
    void twoFacesAreOutlinedAndAClickPicksTheOtherOne(FxRobot robot) throws Exception {
        BufferedImage sample = ImageIO.read(StudioFixture.SAMPLE.toFile());
        BufferedImage two = new BufferedImage(1024, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = two.createGraphics();
        g.drawImage(sample, 0, 0, null);
        g.drawImage(sample, 512, 0, null);
        g.dispose();
        Path pair = tmp.resolve("pair.png");
        ImageIO.write(two, "png", pair.toFile());
        StudioFixture.open(window, pair);
        assertThat(window.photoView().outlineNodes()).hasSize(2);
        assertThat(window.session().face()).isZero();
        double firstX = window.session().faces().faces().get(0).centerX();
        robot.clickOn(window.photoView().outlineNodes().get(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.session().face()).isEqualTo(1);
        assertThat(window.session().chosenFace().faces().get(0).centerX()).isNotCloseTo(firstX,
                org.assertj.core.data.Offset.offset(100.0));
        assertThat(window.status().getText()).contains("face 2");
    }

    @Test
    void settingsSwapTheModelKeepTheOldOneOnABadFolderAndRecentFilesRemember(FxRobot robot) throws Exception {
        StudioFixture.open(window, StudioFixture.SAMPLE);
        assertThat(fixture.settings.recentFiles()).containsExactly(StudioFixture.SAMPLE);

        Studio before = window.studio();
        Path empty = Files.createDirectories(tmp.resolve("not-a-model"));
        CompletableFuture<Void> bad = onFx(() -> window.applySettings(new SettingsDialog.Choice(empty,
                org.ganimationstudio.model.ComputeDevice.CPU, StudioSettings.PreviewQuality.FAST, true,
                org.ganimationstudio.face.FaceFinderKind.CNN)));
        assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        WaitForAsyncUtils.waitForFxEvents();
        closeAlerts(robot);
        assertThat(window.studio()).isSameAs(before);
        assertThat(fixture.settings.modelDir()).isNull();

        onFx(() -> window.applySettings(new SettingsDialog.Choice(StudioFixture.FIXTURE,
                org.ganimationstudio.model.ComputeDevice.CPU, StudioSettings.PreviewQuality.FAST, true,
                org.ganimationstudio.face.FaceFinderKind.HAAR))).get(60, TimeUnit.SECONDS);
        assertThat(window.studio()).isNotSameAs(before);
        assertThat(fixture.settings.modelDir()).isEqualTo(StudioFixture.FIXTURE.toAbsolutePath());
        assertThat(fixture.settings.previewQuality()).isEqualTo(StudioSettings.PreviewQuality.FAST);
        assertThat(fixture.settings.quickDrafts()).isTrue();
        assertThat(fixture.settings.faceFinder()).isEqualTo(org.ganimationstudio.face.FaceFinderKind.HAAR);
        assertThat(window.previewView().getImage()).isNotNull();
    }

    @Test
    void aSavedModelThatNoLongerOpensFallsBackToTheDefaultInsteadOfFailingToStart() throws Exception {
        StudioFixture stale = new StudioFixture();
        stale.settings.setModelDir(Files.createDirectories(tmp.resolve("was-a-model")));
        CompletableFuture<StudioWindow> opened = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                opened.complete(stale.window());
            } catch (Exception e) {
                opened.completeExceptionally(e);
            }
        });
        StudioWindow w = opened.get(60, TimeUnit.SECONDS);
        try {
            assertThat(w.status().getText()).contains("could not be used").contains("default model");
            assertThat(w.studio().modelDirectory().path()).isEqualTo(StudioFixture.FIXTURE);
        } finally {
            w.close();
            stale.forget();
        }
    }

    private static <T> CompletableFuture<T> onFx(java.util.function.Supplier<CompletableFuture<T>> action) throws Exception {
        CompletableFuture<CompletableFuture<T>> f = new CompletableFuture<>();
        Platform.runLater(() -> f.complete(action.get()));
        return f.get(10, TimeUnit.SECONDS);
    }

    /** Error dialogs the tests provoke on purpose. */
    private static void closeAlerts(FxRobot robot) {
        robot.interact(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getScene() != null
                        && s.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                .map(w -> (Stage) w).toList().forEach(Stage::close));
    }
}
