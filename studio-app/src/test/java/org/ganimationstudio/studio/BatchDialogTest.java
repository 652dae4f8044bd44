package org.ganimationstudio.studio;

import javafx.stage.Stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javax.imageio.ImageIO;
import org.ganimationstudio.service.BatchRun;
import org.ganimationstudio.service.DecodedAnimation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.ganimationstudio.service.studio.BatchOptions;

/** The batch dialog in the real window, headless: a folder of sample photos through the fixture model. */
class BatchDialogTest extends StudioUiTest {

    @Start
    void start(Stage stage) throws Exception {
        show(stage);
    }

    private static final Path SAMPLE = StudioFixture.SAMPLE;

    @TempDir
    Path tmp;



    /** Three copies of the sample and a file of random bytes that only claims to be a JPEG. */
    private Path photos() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("photos"));
        for (String name : new String[] {"a.png", "b.png", "c.png"}) {
            Files.copy(SAMPLE, in.resolve(name));
        }
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(in.resolve("bad.jpg"), noise);
        return in;
    }

    @Test
    void rendersAFolderOpenedFromTheFileMenuAndNamesThePhotoItCouldNotRead(FxRobot robot) throws Exception {
        Path in = photos();
        Path out = tmp.resolve("smiles");
        Map<String, String> inputBefore = contents(in);
        robot.interact(() -> window.slider("AU12").setValue(1.0));

        robot.interact(() -> menuItem("batch-render").fire());
        BatchDialog[] opened = new BatchDialog[1];
        robot.interact(() -> opened[0] = window.openBatchDialog());
        BatchDialog dialog = opened[0];
        assertThat(dialog.stage().isShowing()).isTrue();
        assertThat(((Label) dialog.control("batch-expression")).getText()).contains("AU12 1.00");

        @SuppressWarnings("unchecked")
        ComboBox<BatchOptions.Output> kind = (ComboBox<BatchOptions.Output>) dialog.control("batch-output-kind");
        CompletableFuture<CompletableFuture<BatchRun.Summary>> started = new CompletableFuture<>();
        robot.interact(() -> {
            ((TextField) dialog.control("batch-input")).setText(in.toString());
            ((TextField) dialog.control("batch-output")).setText(out.toString());
            ((CheckBox) dialog.control("batch-recursive")).setSelected(false);
            kind.setValue(BatchOptions.Output.STILL_JPG);
            ((RadioButton) dialog.control("batch-all-faces")).setSelected(true);
            started.complete(dialog.start());
        });
        BatchRun.Summary summary = started.get().get(2, TimeUnit.MINUTES);

        assertThat(summary.cancelled()).isFalse();
        assertThat(summary.done()).isEqualTo(3);
        assertThat(summary.failed()).singleElement()
                .satisfies(f -> assertThat(f.input().getFileName().toString()).isEqualTo("bad.jpg"));
        BufferedImage photo = ImageIO.read(SAMPLE.toFile());
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.jpg", "b.jpg", "c.jpg");
        }
        for (String name : new String[] {"a.jpg", "b.jpg", "c.jpg"}) {
            BufferedImage edited = ImageIO.read(out.resolve(name).toFile());
            assertThat(edited).as(name + " decodes").isNotNull();
            assertThat(edited.getWidth()).isEqualTo(photo.getWidth());
            assertThat(edited.getHeight()).isEqualTo(photo.getHeight());
        }
        String report = ((TextArea) dialog.control("batch-summary")).getText();
        assertThat(report).contains("Finished 4 photos.", "Done: 3", "Skipped as already done: 0", "Failed: 1",
                "bad.jpg: bad.jpg is not a picture").doesNotContain("Exception", "\tat ");
        assertThat(((Label) dialog.control("batch-count")).getText()).isEqualTo("4 of 4");
        assertThat(((Label) dialog.control("batch-current")).getText()).isEqualTo("c.png");
        assertThat(((ProgressBar) dialog.control("batch-progress")).getProgress()).isEqualTo(1.0);
        assertThat(contents(in)).as("the input folder is untouched").isEqualTo(inputBefore);

        // a second run finds the work done
        CompletableFuture<CompletableFuture<BatchRun.Summary>> again = new CompletableFuture<>();
        robot.interact(() -> again.complete(dialog.start()));
        BatchRun.Summary rerun = again.get().get(2, TimeUnit.MINUTES);
        assertThat(rerun.skipped()).isEqualTo(3);
        assertThat(rerun.done()).isZero();
    }

    @Test
    void cancellingStopsAfterThePhotoInProgress(FxRobot robot) throws Exception {
        Path in = photos();
        Path out = tmp.resolve("out");
        BatchDialog[] opened = new BatchDialog[1];
        CompletableFuture<CompletableFuture<BatchRun.Summary>> started = new CompletableFuture<>();
        robot.interact(() -> {
            opened[0] = window.openBatchDialog();
            started.complete(opened[0].start(in, out, new BatchOptions(false, BatchOptions.Output.STILL_PNG, true)));
            opened[0].cancel();
        });
        BatchRun.Summary summary = started.get().get(2, TimeUnit.MINUTES);

        assertThat(summary.cancelled()).isTrue();
        assertThat(summary.total()).isLessThan(4);
        assertThat(summary.done()).isLessThan(3);
        assertThat(((TextArea) opened[0].control("batch-summary")).getText())
                .startsWith("Cancelled after " + summary.total() + " of 4 photos.");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.count()).isEqualTo(summary.done());
        }
    }

    @Test
    void animatesEachPhotoFromNeutralToTheSliders(FxRobot robot) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("one"));
        Files.copy(SAMPLE, in.resolve("face.png"));
        Path out = tmp.resolve("clips");
        robot.interact(() -> window.slider("AU26").setValue(1.0));
        CompletableFuture<CompletableFuture<BatchRun.Summary>> started = new CompletableFuture<>();
        robot.interact(() -> started.complete(window.openBatchDialog().start(in, out,
                new BatchOptions(false, BatchOptions.Output.MP4, true))));
        BatchRun.Summary summary = started.get().get(2, TimeUnit.MINUTES);

        assertThat(summary.done()).isEqualTo(1);
        DecodedAnimation clip = DecodedAnimation.read(out.resolve("face.mp4"));
        assertThat(clip.frameCount()).isEqualTo((int) (BatchOptions.ANIMATION_SECONDS * BatchOptions.ANIMATION.fps()));
        assertThat(clip.width()).isEqualTo(512);
        // the mouth opens: the last frame is not the first
        assertThat(clip.difference(0, clip.frameCount() - 1)).isGreaterThan(0);
    }

    @Test
    void foldersItCannotUseAreRefusedInPlainWords(FxRobot robot) throws Exception {
        Path in = photos();
        Map<String, String> inputBefore = contents(in);
        BatchDialog[] opened = new BatchDialog[1];
        CompletableFuture<CompletableFuture<BatchRun.Summary>> inside = new CompletableFuture<>();
        robot.interact(() -> {
            opened[0] = window.openBatchDialog();
            inside.complete(opened[0].start(in, in.resolve("edited"),
                    new BatchOptions(true, BatchOptions.Output.STILL_SAME_FORMAT, false)));
        });
        assertThat(inside.get()).failsWithin(1, TimeUnit.MINUTES).withThrowableOfType(ExecutionException.class);
        Label message = (Label) opened[0].control("batch-message");
        robot.interact(() -> { });
        assertThat(message.getText()).startsWith("The output folder").contains("is inside the input folder")
                .doesNotContain("Exception");
        assertThat(contents(in)).isEqualTo(inputBefore);
        assertThat(opened[0].control("batch-start").isDisabled()).as("ready for another try").isFalse();

        robot.interact(() -> {
            ((TextField) opened[0].control("batch-input")).setText("");
            opened[0].start();
        });
        assertThat(message.getText()).isEqualTo("Choose the folder of photos.");

        CompletableFuture<CompletableFuture<BatchRun.Summary>> missing = new CompletableFuture<>();
        robot.interact(() -> missing.complete(opened[0].start(tmp.resolve("nowhere"), tmp.resolve("out"),
                new BatchOptions(false, BatchOptions.Output.GIF, false))));
        assertThat(missing.get()).failsWithin(1, TimeUnit.MINUTES).withThrowableOfType(ExecutionException.class);
        robot.interact(() -> { });
        assertThat(message.getText()).contains("does not exist");
    }

    private MenuItem menuItem(String id) {
        MenuBar bar = (MenuBar) window.root().lookup(".menu-bar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId()))
                .findFirst().orElseThrow();
    }

    /** Every file under {@code dir} with a digest of its bytes. */
    private static Map<String, String> contents(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(digest));
            }
        }
        return out;
    }
}
