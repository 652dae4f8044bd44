package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.ganimationstudio.face.PhotoReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch runner with a real job (decode, flip, write atomically) on real files. */
class BatchRunTest {

    @TempDir
    Path tmp;

    /** Mirrors each photo: a real decode and a real atomic write, no model needed. */
    private static final BatchRun.PhotoJob MIRROR = new BatchRun.PhotoJob() {
        @Override
        public String outputExtension(Path input) {
            return "png";
        }

        @Override
        public void render(Path input, Path output) throws Exception {
            BufferedImage in = new PhotoReader().read(input).image();
            BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < in.getHeight(); y++) {
                for (int x = 0; x < in.getWidth(); x++) {
                    out.setRGB(in.getWidth() - 1 - x, y, in.getRGB(x, y));
                }
            }
            OutputFiles.writeImage(out, output);
        }
    };

    private Path photos() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < 4; i++) {
            BufferedImage img = new BufferedImage(24, 16, BufferedImage.TYPE_3BYTE_BGR);
            img.setRGB(0, 0, 0xff0000 + i);
            ImageIO.write(img, "png", in.resolve("p" + i + ".png").toFile());
        }
        Files.createDirectories(in.resolve("sub"));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR), "png", in.resolve("sub/deep.png").toFile());
        Files.writeString(in.resolve("notes.txt"), "not a photo");
        return in;
    }

    @Test
    void rendersEveryPhotoAndResumesWithoutRedoingWork() throws Exception {
        Path in = photos();
        Path out = tmp.resolve("out");
        List<String> events = new ArrayList<>();
        BatchRun.Listener record = new BatchRun.Listener() {
            @Override
            public void rendering(Path input) {
                events.add(input.getFileName() + ":RENDERING");
            }

            @Override
            public void finished(Path input, BatchRun.Outcome outcome, String reason) {
                events.add(input.getFileName() + ":" + outcome);
            }
        };
        // stop after two photos, as a user pressing Cancel would
        AtomicInteger seen = new AtomicInteger();
        BatchRun.Summary first = new BatchRun(in, out, false).run(MIRROR, record, () -> seen.getAndIncrement() >= 2);
        assertThat(first.cancelled()).isTrue();
        assertThat(first.done()).isEqualTo(2);
        long modified = Files.getLastModifiedTime(out.resolve("p0.png")).toMillis();
        // a part file of a killed run of this program is cleaned up; another program's is not
        Files.writeString(out.resolve(".p2.png~ganim-" + deadPid() + "-1700000000000-0123abcd.part"), "half a file");
        Files.writeString(out.resolve(".download.part"), "another program's partial file");

        events.clear();
        BatchRun.Summary second = new BatchRun(in, out, false).run(MIRROR, record, () -> false);
        assertThat(second.cancelled()).isFalse();
        assertThat(second.skipped()).isEqualTo(2);
        assertThat(second.done()).isEqualTo(2);
        assertThat(events).containsExactly("p0.png:SKIPPED", "p1.png:SKIPPED", "p2.png:RENDERING", "p2.png:DONE",
                "p3.png:RENDERING", "p3.png:DONE");
        assertThat(Files.getLastModifiedTime(out.resolve("p0.png")).toMillis()).isEqualTo(modified);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "p0.png", "p1.png", "p2.png", "p3.png", ".download.part");
        }
        assertThat(ImageIO.read(out.resolve("p3.png").toFile()).getRGB(23, 0) & 0xffffff).isEqualTo(0xff0003);
    }

    @Test
    void aBrokenPhotoIsReportedWhileTheRestComplete() throws Exception {
        Path in = photos();
        Files.write(in.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.writeString(in.resolve("text.jpg"), "this is text");
        BatchRun.Summary s = new BatchRun(in, tmp.resolve("out"), true).run(MIRROR, new BatchRun.Listener() { }, () -> false);
        assertThat(s.done()).isEqualTo(5);
        assertThat(s.failed()).extracting(f -> f.input().getFileName().toString())
                .containsExactlyInAnyOrder("broken.png", "text.jpg");
        assertThat(s.failed()).allSatisfy(f -> assertThat(f.reason()).isNotBlank().doesNotContain("Exception"));
        assertThat(tmp.resolve("out/sub/deep.png")).exists();
        assertThat(tmp.resolve("out/broken.png")).doesNotExist();
    }

    @Test
    void neverWritesIntoTheInputFolder() throws Exception {
        Path in = photos();
        assertThatThrownBy(() -> new BatchRun(in, in, false)).hasMessageContaining("never writes into its input");
        assertThatThrownBy(() -> new BatchRun(in, in.resolve("edited"), true)).hasMessageContaining("inside the input");
        assertThatThrownBy(() -> new BatchRun(tmp.resolve("missing"), tmp.resolve("o"), true)).hasMessageContaining("does not exist");
    }

    @Test
    void photosThatWouldShareAnOutputNameKeepTheirOwn() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR), "png", in.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR), "bmp", in.resolve("a.bmp").toFile());
        var plan = new BatchRun(in, tmp.resolve("out"), false).plan(MIRROR);
        assertThat(plan.values()).extracting(p -> p.getFileName().toString()).containsExactly("a.png", "a_png.png");
    }

    @Test
    void aFolderThatLinksBackIntoItselfIsSkippedWithAWarning() throws Exception {
        Path in = photos();
        Files.createSymbolicLink(in.resolve("sub/loop"), in); // sub/loop/sub/loop/... for ever
        List<String> warnings = new ArrayList<>();
        BatchRun.Summary s = new BatchRun(in, tmp.resolve("out"), true).run(MIRROR, new BatchRun.Listener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        }, () -> false);
        assertThat(warnings).containsExactly("skipped sub/loop: it links back to a folder that contains it");
        assertThat(s.done()).isEqualTo(5);
        assertThat(s.failed()).isEmpty();
        assertThat(tmp.resolve("out/sub/deep.png")).exists();
    }

    @Test
    void aFolderWhereAnOutputShouldGoIsAFailureNotDone() throws Exception {
        Path in = photos();
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("p1.png"));
        BatchRun.Summary s = new BatchRun(in, out, false).run(MIRROR, new BatchRun.Listener() { }, () -> false);
        assertThat(s.skipped()).isZero();
        assertThat(s.done()).isEqualTo(3);
        assertThat(s.failed()).singleElement().satisfies(f -> {
            assertThat(f.input().getFileName().toString()).isEqualTo("p1.png");
            assertThat(f.reason()).contains("is a folder");
        });
    }

    @Test
    void anOutputFolderReachedThroughALinkIsNeverInsideTheInput() throws Exception {
        Path in = photos();
        // a link to the input folder, and an output path under it that does not exist yet
        Path link = Files.createSymbolicLink(tmp.resolve("link"), in);
        assertThatThrownBy(() -> new BatchRun(in, link.resolve("edited"), true)).hasMessageContaining("inside the input");
        // a sub-folder of the output that is a link into the input: those photos fail, nothing lands in the input
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.createSymbolicLink(out.resolve("sub"), in.resolve("sub"));
        BatchRun.Summary s = new BatchRun(in, out, true).run(MIRROR, new BatchRun.Listener() { }, () -> false);
        assertThat(s.failed()).singleElement().satisfies(f -> assertThat(f.reason()).contains("input"));
        try (var files = Files.list(in.resolve("sub"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("deep.png");
        }
    }

    @Test
    void aRecursiveBatchNeverReadsItsOwnOutputs() throws Exception {
        Path in = photos();
        Path out = tmp.resolve("out");
        // the input folder holds a link to the output folder
        Files.createDirectories(out);
        Files.createSymbolicLink(in.resolve("results"), out);
        BatchRun.Summary first = new BatchRun(in, out, true).run(MIRROR, new BatchRun.Listener() { }, () -> false);
        assertThat(first.done()).isEqualTo(5);
        BatchRun.Summary second = new BatchRun(in, out, true).run(MIRROR, new BatchRun.Listener() { }, () -> false);
        assertThat(second.total()).isEqualTo(5);
        assertThat(second.skipped()).isEqualTo(5);
        assertThat(out.resolve("results")).doesNotExist();
    }

    @Test
    void aSecondBatchOnTheSameOutputFolderIsRefusedInPlainWords() throws Exception {
        Path in = photos();
        Path out = tmp.resolve("out");
        List<String> secondOutcome = new ArrayList<>();
        BatchRun.PhotoJob startsAnotherBatch = new BatchRun.PhotoJob() {
            @Override
            public String outputExtension(Path input) {
                return "png";
            }

            @Override
            public void render(Path input, Path output) throws Exception {
                if (secondOutcome.isEmpty()) {
                    try {
                        new BatchRun(in, out, false).run(MIRROR, new BatchRun.Listener() { }, () -> false);
                        secondOutcome.add("ran");
                    } catch (IllegalStateException e) {
                        secondOutcome.add(e.getMessage());
                    }
                }
                MIRROR.render(input, output);
            }
        };
        BatchRun.Summary s = new BatchRun(in, out, false).run(startsAnotherBatch, new BatchRun.Listener() { }, () -> false);
        assertThat(s.done()).isEqualTo(4);
        assertThat(secondOutcome).singleElement().asString().contains("another batch", "is writing to",
                "wait for it to finish");
        // the lock goes with the batch: the next one runs
        assertThat(new BatchRun(in, out, false).run(MIRROR, new BatchRun.Listener() { }, () -> false).skipped()).isEqualTo(4);
        assertThat(out.resolve(FolderLock.FILE_NAME)).doesNotExist();
    }

    /** The id of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
