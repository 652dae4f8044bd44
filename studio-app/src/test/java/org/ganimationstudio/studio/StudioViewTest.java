package org.ganimationstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Zoom, pan, the split view, hold-to-compare, the sheet's cancel, the quit prompt and Help: the real window. */
class StudioViewTest extends StudioUiTest {

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        show(stage);
    }

    @Test
    void zoomPanAndTheSplitView(FxRobot robot) throws Exception {
        StudioFixture.open(window, StudioFixture.SAMPLE);
        PhotoView view = window.photoView();
        double fitted = view.zoom();
        assertThat(fitted).as("the 512 px sample fitted to the space").isNotEqualTo(1.0);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.zoom()).isEqualTo(1.0);
        assertThat(window.previewView().getFitWidth()).isEqualTo(512.0);
        // a drag pans by as much as the pointer moved
        double x0 = window.previewView().getLayoutX();
        double y0 = window.previewView().getLayoutY();
        robot.drag(view).dropBy(40, 25);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.previewView().getLayoutX() - x0).isCloseTo(40, Offset.offset(1.0));
        assertThat(window.previewView().getLayoutY() - y0).isCloseTo(25, Offset.offset(1.0));
        // the wheel zooms around the pointer
        robot.moveTo(view).scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.zoom()).isNotEqualTo(1.0);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.zoom()).isCloseTo(fitted, Offset.offset(1e-9));

        // an edit, then the split view: the photo as it was left of the divider, the edit right of it
        Image untouched = window.previewView().getImage();
        // one step, so one render: the picture below is the last
        robot.interact(() -> window.model().apply(window.session().shown().with("AU26", 1f).with("AU12", 0f)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (window.previewView().getImage() == untouched && System.nanoTime() < deadline) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        WaitForAsyncUtils.waitForFxEvents();
        int[] edited = snapshot(robot, view);
        robot.interact(() -> window.model().compareProperty().set(true));
        int[] original = snapshot(robot, view);
        robot.interact(() -> window.model().compareProperty().set(false));
        robot.type(KeyCode.V);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.model().viewModeProperty().get()).isEqualTo(StudioModel.ViewMode.SPLIT);
        assertThat(view.divider().isVisible()).isTrue();
        int[] split = snapshot(robot, view);
        int width = (int) Math.round(view.getWidth());
        int divider = (int) Math.round(width * window.model().splitProperty().get());
        assertThat(columns(split, original, width, 0, divider - 3)).as("left of the divider: before").isZero();
        assertThat(columns(split, edited, width, divider + 3, width)).as("right of the divider: after").isZero();
        assertThat(columns(edited, original, width, 0, divider - 3)).as("the edit reaches left of the divider").isPositive();
        assertThat(columns(edited, original, width, divider + 3, width)).as("and right of it").isPositive();
        // the divider follows a drag
        double before = window.model().splitProperty().get();
        robot.drag(view.divider()).dropBy(-100, 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.model().splitProperty().get()).isCloseTo(before - 100 / view.getWidth(), Offset.offset(0.01));
        robot.type(KeyCode.V);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.divider().isVisible()).isFalse();

        // hold \ to compare: the photo as it was while held, the edit again on release
        Image editedImage = window.previewView().getImage();
        robot.press(KeyCode.BACK_SLASH);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.previewView().getImage()).isSameAs(window.model().originalProperty().get());
        robot.release(KeyCode.BACK_SLASH);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.previewView().getImage()).isSameAs(editedImage);
    }

    @Test
    void aCancelledSheetLeavesNoOutput(FxRobot robot) throws Exception {
        StudioFixture.open(window, StudioFixture.SAMPLE);
        Path out = Files.createDirectory(tmp.resolve("sheets"));
        Path sheet = out.resolve("sheet.png");
        // cancelled at once: the job stops before its first batch
        CompletableFuture<CompletableFuture<Path>> started = new CompletableFuture<>();
        Platform.runLater(() -> {
            CompletableFuture<Path> job = window.exportSheet(sheet);
            assertThat(window.control("job-progress").isVisible()).isTrue();
            // Cancel at once: the worker sees it before its next batch of cells at the latest
            ((Button) window.control("job-cancel")).fire();
            started.complete(job);
        });
        CompletableFuture<Path> job = started.get(10, TimeUnit.SECONDS);
        try {
            job.get(60, TimeUnit.SECONDS);
            throw new AssertionError("the cancelled sheet was written");
        } catch (ExecutionException e) {
            assertThat(StudioModel.cancelledBy(e.getCause())).isTrue();
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(out).isEmptyDirectory();
        assertThat(window.control("job-progress").isVisible()).isFalse();
        assertThat(window.status().getText()).contains("Cancelled");
    }

    @Test
    void quittingWithUnexportedEditsAsksFirst(FxRobot robot) throws Exception {
        AtomicInteger quits = new AtomicInteger();
        robot.interact(() -> window.onExit(quits::incrementAndGet));
        StudioFixture.open(window, StudioFixture.SAMPLE);
        // nothing edited: Ctrl+Q quits at once
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(quits.get()).isEqualTo(1);

        robot.interact(() -> window.slider("AU12").setValue(1.0));
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane prompt = robot.lookup("#quit-prompt").queryAs(DialogPane.class);
        assertThat(prompt.getContentText()).contains("not been exported");
        robot.interact(() -> ((Button) prompt.lookupButton(ButtonType.CANCEL)).fire());
        assertThat(quits.get()).as("Cancel keeps the studio open").isEqualTo(1);

        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane again = robot.lookup("#quit-prompt").queryAs(DialogPane.class);
        ButtonType quit = again.getButtonTypes().stream().filter(b -> b != ButtonType.CANCEL).findFirst().orElseThrow();
        robot.interact(() -> ((Button) again.lookupButton(quit)).fire());
        assertThat(quits.get()).isEqualTo(2);
    }

    @Test
    void helpListsTheShortcutsAboutShowsTheVersionAndSettingsAreReadable(FxRobot robot) throws Exception {
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane shortcuts = robot.lookup("#shortcuts-dialog").queryAs(DialogPane.class);
        assertThat(shortcuts.lookupAll(".label").stream().map(n -> ((Label) n).getText()))
                .contains("Ctrl+0", "Ctrl+1", "\\ (hold)", "Ctrl+Q");
        robot.interact(() -> shortcuts.getScene().getWindow().hide());

        robot.interact(() -> window.showAbout());
        Label version = robot.lookup("#about-version").queryAs(Label.class);
        assertThat(version.getText()).isEqualTo("Version: development build");
        assertThat(robot.lookup("#about-licences").queryAs(javafx.scene.control.TextArea.class).getText())
                .contains("Apache License 2.0").contains("CelebA");
        robot.interact(() -> version.getScene().getWindow().hide());

        SettingsDialog[] dialog = new SettingsDialog[1];
        robot.interact(() -> {
            dialog[0] = new SettingsDialog(window.root().getScene().getWindow(), fixture.settings,
                    window.studio().modelDirectory().path() + " on " + window.studio().deviceLabel());
            dialog[0].dialog().show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = dialog[0].dialog().getDialogPane();
        for (Node n : pane.lookupAll(".label")) {
            Label l = (Label) n;
            if (l.isVisible() && l.getText() != null && !l.getText().isEmpty() && !l.isWrapText()) {
                assertThat(l.getWidth()).as("'%s' has room for its text", l.getText()).isGreaterThanOrEqualTo(l.prefWidth(-1) - 0.5);
            }
        }
        assertThat(((Label) pane.lookup("#settings-in-use")).getText()).endsWith(" on CPU").doesNotContain("cpu()");
        robot.interact(() -> dialog[0].dialog().close());
    }

    private static int[] snapshot(FxRobot robot, Node node) {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = node.snapshot(null, null));
        return StudioFixture.pixels(shot[0]);
    }

    /** Pixels that differ in columns [x0, x1) of two snapshots {@code width} wide. */
    private static int columns(int[] a, int[] b, int width, int x0, int x1) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            int x = i % width;
            if (x >= x0 && x < x1 && a[i] != b[i]) {
                n++;
            }
        }
        return n;
    }
}
