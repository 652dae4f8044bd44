package org.ganimationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on the sample portrait and the fixture model, checked through its real outputs. */
class GanimationCliTest {

    private static final Path ROOT = CliRun.ROOT;
    private static final Path SAMPLE = CliRun.SAMPLE;
    private static final Path FIXTURE = CliRun.FIXTURE;

    @TempDir
    Path tmp;

    @Test
    void renderWritesTheEditedFaceAndItsMasks() throws Exception {
        Path out = tmp.resolve("smile.png");
        byte[] before = digest(SAMPLE);
        CliRun r = CliRun.run("render", "--model", FIXTURE.toString(), "-i", SAMPLE.toString(),
                "--preset", "happiness", "--intensity", "0.8", "--aus", "AU26=0.5", "-o", out.toString(), "--masks");
        assertThat(r.status()).as(r.err()).isZero();
        // from the face's own expression, 80 % of the way to the preset, with the jaw set on top
        assertThat(r.out()).contains("1 face(s)", "AU26=0.50");
        BufferedImage edited = ImageIO.read(out.toFile());
        BufferedImage photo = ImageIO.read(SAMPLE.toFile());
        assertThat(edited.getWidth()).isEqualTo(512);
        assertThat(edited.getHeight()).isEqualTo(512);
        // The face changed; the corners of the photo (far from the face) did not.
        assertThat(edited.getRGB(220, 130)).isNotEqualTo(photo.getRGB(220, 130));
        for (int[] p : new int[][] {{5, 5}, {505, 5}, {5, 505}, {505, 505}, {450, 300}}) {
            assertThat(edited.getRGB(p[0], p[1])).isEqualTo(photo.getRGB(p[0], p[1]));
        }
        BufferedImage attention = ImageIO.read(tmp.resolve("smile-attention.png").toFile());
        assertThat(attention.getRaster().getNumBands()).isEqualTo(1);
        assertThat(ImageIO.read(tmp.resolve("smile-color.png").toFile()).getWidth()).isEqualTo(128);
        assertThat(digest(SAMPLE)).isEqualTo(before);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void intensityZeroGivesThePhotoBitForBit() throws Exception {
        for (String preset : new String[] {"happiness", "surprise"}) {
            Path out = tmp.resolve(preset + ".png");
            CliRun r = CliRun.run("render", "--model", FIXTURE.toString(), "-i", SAMPLE.toString(),
                    "--preset", preset, "--intensity", "0", "-o", out.toString());
            assertThat(r.status()).as(r.err()).isZero();
            BufferedImage photo = ImageIO.read(SAMPLE.toFile());
            BufferedImage edited = ImageIO.read(out.toFile());
            int[] a = photo.getRGB(0, 0, 512, 512, null, 0, 512);
            int[] b = edited.getRGB(0, 0, 512, 512, null, 0, 512);
            assertThat(b).as(preset).isEqualTo(a);
        }
    }

    @Test
    void differentAusGiveDifferentPictures() throws Exception {
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        assertThat(CliRun.run("render", "--model", FIXTURE.toString(), "-i", SAMPLE.toString(), "-o", a.toString(),
                "--preset", "neutral").status()).isZero();
        assertThat(CliRun.run("render", "--model", FIXTURE.toString(), "-i", SAMPLE.toString(), "-o", b.toString(),
                "--aus", "AU25=1,AU26=1").status()).isZero();
        assertThat(digest(a)).isNotEqualTo(digest(b));
    }

    @Test
    void refusesToOverwriteTheSourceOrAnExistingOutput() throws Exception {
        Path photo = Files.copy(SAMPLE, tmp.resolve("photo.png"));
        byte[] before = digest(photo);
        CliRun r = CliRun.run("render", "--model", FIXTURE.toString(), "-i", photo.toString(), "-o", photo.toString(), "--overwrite", "--preset", "anger");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("is the input photo: it is never overwritten").doesNotContain("Exception");
        assertThat(digest(photo)).isEqualTo(before);
        Path existing = Files.writeString(tmp.resolve("existing.png"), "keep me");
        r = CliRun.run("render", "--model", FIXTURE.toString(), "-i", photo.toString(), "-o", existing.toString(), "--preset", "anger");
        assertThat(r.err()).contains("exists (use --overwrite");
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }

    @Test
    void badInputsAreReportedInPlainWords() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.jpg"), "not a picture");
        List<CliRun> results = new ArrayList<>();
        results.add(CliRun.run("render", "--model", FIXTURE.toString(), "-i", text.toString(), "-o", tmp.resolve("o.png").toString(),
                "--preset", "anger"));
        results.add(CliRun.run("render", "--model", FIXTURE.toString(), "-i", SAMPLE.toString(), "-o", tmp.resolve("o.png").toString(),
                "--aus", "AU12=NaN"));
        results.add(CliRun.run("render", "--model", tmp.toString(), "-i", SAMPLE.toString(), "-o", tmp.resolve("o.png").toString(),
                "--preset", "anger"));
        results.add(CliRun.run("render", "--model", FIXTURE.toString(), "-i", SAMPLE.toString(), "-o", tmp.resolve("o.png").toString(),
                "--box", "400,400,300,300", "--preset", "anger"));
        Path noFace = ROOT.resolve("face-detect/src/test/resources/photos/coffee.png");
        results.add(CliRun.run("render", "--model", FIXTURE.toString(), "-i", noFace.toString(), "-o", tmp.resolve("o.png").toString(),
                "--preset", "anger"));
        assertThat(results.get(0).err()).contains("notes.jpg is not a picture in a supported format");
        assertThat(results.get(1).err()).contains("AU12 is NaN");
        assertThat(results.get(2).err()).contains("the model cannot be used", "has no model.json");
        assertThat(results.get(3).err()).contains("is not inside the 512x512 photo");
        assertThat(results.get(4).err()).contains("no face found in coffee.png; point one out with --box X,Y,W,H");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.status()).isNotZero();
            assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ");
        });
        assertThat(tmp.resolve("o.png")).doesNotExist();
    }

    @Test
    void drawnBoxIsEditedWhenGiven() throws Exception {
        Path out = tmp.resolve("boxed.png");
        CliRun r = CliRun.run("render", "--model", FIXTURE.toString(), "-i", SAMPLE.toString(), "--box", "160,50,130,140",
                "--aus", "AU12=1", "-o", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(512);
    }

    @Test
    void cropDatasetWritesCropsAndCsv() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(SAMPLE, in.resolve("a.png"));
        CliRun r = CliRun.run("crop-dataset", "-i", in.toString(), "-o", tmp.resolve("out").toString(), "--size", "96");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 photos: 1 crops, 0 without a face, 0 unreadable");
        assertThat(ImageIO.read(tmp.resolve("out/a_face-1.png").toFile()).getWidth()).isEqualTo(96);
        assertThat(Files.readAllLines(tmp.resolve("out/crops.csv"))).hasSize(2);
    }

    @Test
    void infoNamesModelDeviceAndVersions() {
        CliRun r = CliRun.run("info", "--model", FIXTURE.toString(), "--device", "cpu");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("16 channels, 2 residual blocks", "device:    CPU", "PyTorch 2.7.1", "DJL 0.36.0",
                "estimator: ", "assets/models/estimator", "faces:     CNN finder (BlazeFace, 68 landmarks)", "assets/models/face");
        CliRun bad = CliRun.run("info", "--model", FIXTURE.toString(), "--device", "tpu");
        assertThat(bad.err()).contains("device must be auto, cpu or cuda");
    }

    @Test
    void benchReportsItsFigures() {
        CliRun r = CliRun.bench("bench", "--model", FIXTURE.toString(), "--frames", "3", "--batches", "2", "--renders", "5", "--markdown");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("engine start", "model load + probe", "ms/frame median", "frames/s",
                "after 5 renders", "| fixture | CPU |");
    }

    @Test
    void benchPreviewAccountsForEverySliderMoveWithAndWithoutAPreviewGenerator() throws Exception {
        Path model = tmp.resolve("model");
        for (Path dir : List.of(model, model.resolve("preview"))) {
            Files.createDirectories(dir);
            for (String f : List.of("generator.pt", "model.json")) {
                Files.copy(FIXTURE.resolve(f), dir.resolve(f));
            }
        }
        CliRun r = CliRun.bench("bench-preview", "--model", model.toString(), "--drags", "2", "--drag-ms", "320",
                "--interval-ms", "16", "--steps", "3", "--preview-size", "400");
        assertThat(r.status()).as(r.err()).isZero();
        // 2 drags of 320 / 16 = 20 moves: every move reaches the screen once, in both configurations
        assertThat(r.out()).contains("preview generator: preview", "previewed at 400x400",
                "drags, drafts from the full generator", "drags, drafts from the preview generator", "(3 steps)");
        assertThat(r.out().split("\\(40 moves", -1)).hasSize(3);
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("render", "animate", "sheet", "batch", "aus", "info", "crop-dataset", "bench", "bench-face",
                "bench-jobs", "bench-preview", "soak")) {
            CliRun r = CliRun.either(cmd, "--help");
            assertThat(r.status()).isZero();
            assertThat(r.out()).contains("Usage:");
        }
        // ganimation --help lists what users do; the measurements live in ganimation-bench
        String product = CliRun.run("--help").out();
        assertThat(product).contains("render", "animate", "sheet", "batch", "studio").contains("ganimation-bench");
        for (String bench : CliRun.BENCHMARKS) {
            assertThat(product).doesNotContain("  " + bench + " ");
            assertThat(CliRun.bench("--help").out()).contains("  " + bench);
            assertThat(CliRun.run(bench).status()).isEqualTo(GanimationCli.BAD_ARGUMENTS);
        }
        assertThat(CliRun.run("render", "--help").out()).contains("--model", "--device");
        assertThat(CliRun.run("animate", "--help").out()).contains("--keyframes", "--ping-pong", "--fps", "--size", "--from");
    }

    private static byte[] digest(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
