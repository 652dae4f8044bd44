package org.ganimationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.ganimationstudio.service.DecodedAnimation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command that writes follows one output policy: real commands, real child JVMs killed with
 * SIGKILL, real FFmpeg, a real full file system.
 */
class OutputRulesTest {

    private static final String FIXTURE = CliRun.FIXTURE.toString();

    @TempDir
    Path tmp;

    @Test
    void renderMasksObeyTheOutputRules() throws Exception {
        Path out = tmp.resolve("out.png");
        Path attention = Files.writeString(tmp.resolve("out-attention.png"), "someone's file");
        CliRun kept = CliRun.run("render", "--model", FIXTURE, "-i", CliRun.SAMPLE.toString(), "-o", out.toString(),
                "--preset", "happiness", "--masks");
        assertThat(kept.status()).isNotZero();
        assertThat(kept.err()).contains("out-attention.png", "exists", "--overwrite");
        assertThat(Files.readString(attention)).isEqualTo("someone's file");
        // all or nothing: not even the main output was written
        assertThat(listing(tmp)).containsExactly("out-attention.png");

        // the input photo carries a mask file's name: refused even with --overwrite
        Path photo = Files.copy(CliRun.SAMPLE, tmp.resolve("me-attention.png"));
        byte[] before = Files.readAllBytes(photo);
        CliRun self = CliRun.run("render", "--model", FIXTURE, "-i", photo.toString(), "-o", tmp.resolve("me.png").toString(),
                "--preset", "happiness", "--masks", "--overwrite");
        assertThat(self.status()).isNotZero();
        assertThat(self.err()).contains("is the input").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(photo)).isEqualTo(before);
        assertThat(tmp.resolve("me.png")).doesNotExist();

        CliRun replaced = CliRun.run("render", "--model", FIXTURE, "-i", CliRun.SAMPLE.toString(), "-o", out.toString(),
                "--preset", "happiness", "--masks", "--overwrite");
        assertThat(replaced.status()).as(replaced.err()).isZero();
        assertThat(ImageIO.read(attention.toFile())).isNotNull();
        assertThat(ImageIO.read(tmp.resolve("out-color.png").toFile())).isNotNull();
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(512);
    }

    @Test
    void twoRendersToOneOutputNeverClobberEachOther() throws Exception {
        Path out = tmp.resolve("out.png");
        List<CompletableFuture<CliRun>> runs = new ArrayList<>();
        for (String preset : List.of("happiness", "surprise")) {
            runs.add(CompletableFuture.supplyAsync(() -> CliRun.run("render", "--model", FIXTURE, "-i",
                    CliRun.SAMPLE.toString(), "-o", out.toString(), "--preset", preset)));
        }
        List<CliRun> results = runs.stream().map(CompletableFuture::join).toList();
        assertThat(results).filteredOn(r -> r.status() == 0).hasSize(1);
        assertThat(results).filteredOn(r -> r.status() != 0).singleElement()
                .satisfies(r -> assertThat(r.err()).contains("out.png").containsAnyOf("exists", "appeared"));
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(512);
        assertThat(listing(tmp)).containsExactly("out.png");
    }

    @Test
    void twoBatchesOnOneOutputFolder() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        int photos = 6;
        for (int i = 0; i < photos; i++) {
            Files.copy(CliRun.SAMPLE, in.resolve("p" + i + ".png"));
        }
        Path out = tmp.resolve("out");
        Process first = child(tmp.resolve("first.log"), "batch", "--model", FIXTURE, "-i", in.toString(), "-o", out.toString(),
                "--preset", "happiness");
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (outputs(out) < 1 && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(first.isAlive()).as("the first batch is still running").isTrue();
            CliRun second = CliRun.run("batch", "--model", FIXTURE, "-i", in.toString(), "-o", out.toString(),
                    "--preset", "happiness");
            assertThat(second.status()).isEqualTo(1);
            assertThat(second.err()).contains("another batch (process " + first.pid() + ") is writing to",
                    "wait for it to finish").doesNotContain("\tat ");
            assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();
        } finally {
            first.destroyForcibly();
        }
        assertThat(first.exitValue()).as(Files.readString(tmp.resolve("first.log"))).isZero();
        assertThat(Files.readString(tmp.resolve("first.log"))).contains("done 6, skipped 0 (already done), failed 0");
        assertThat(listing(out)).filteredOn(n -> !n.equals(".ganimation-batch.lock")).hasSize(photos)
                .allMatch(n -> n.matches("p\\d\\.png"));
        for (int i = 0; i < photos; i++) {
            assertThat(ImageIO.read(out.resolve("p" + i + ".png").toFile()).getWidth()).isEqualTo(512);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gif", "mp4"})
    void aKilledAnimationLeavesNoEncoderRunningAndTheNextRunNoPartFile(String format) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("anim"));
        Path out = dir.resolve("long." + format);
        String[] args = {"animate", "--model", FIXTURE, "-i", CliRun.SAMPLE.toString(), "-o", out.toString(),
                "--preset", "happiness", "--from", "neutral", "--duration", "60", "--fps", "10", "--size", "256"};
        Process child = child(tmp.resolve("child.log"), args);
        List<ProcessHandle> encoders = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (encoders.isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
                child.descendants().filter(h -> h.info().command().orElse("").endsWith("ffmpeg")).forEach(encoders::add);
                Thread.sleep(20);
            }
            assertThat(encoders).as("the encoder started: " + Files.readString(tmp.resolve("child.log"))).isNotEmpty();
            // let frames flow into the encoder, then kill the JVM mid-animation
            Thread.sleep(2000);
            List<ProcessHandle> now = child.descendants()
                    .filter(h -> h.info().command().orElse("").endsWith("ffmpeg")).toList();
            assertThat(now).as("an encoder is running when the JVM is killed").isNotEmpty();
            encoders.addAll(now);
            assertThat(child.isAlive()).as("still animating").isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean-up
            child.waitFor(30, TimeUnit.SECONDS);
        }
        for (ProcessHandle encoder : encoders) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (running(encoder.pid()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(running(encoder.pid())).as("the encoder ended with the JVM").isFalse();
        }
        assertThat(out).doesNotExist();

        CliRun again = CliRun.run("animate", "--model", FIXTURE, "-i", CliRun.SAMPLE.toString(), "-o", out.toString(),
                "--preset", "happiness", "--from", "neutral", "--duration", "0.3", "--fps", "10", "--size", "64");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(DecodedAnimation.read(out).frameCount()).isEqualTo(3);
        assertThat(listing(dir)).containsExactly(out.getFileName().toString());
    }

    @Test
    void aFullDiskIsAPlainErrorAndLeavesNoPartialOutput() throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("small-disk"));
        boolean mounted = SystemCommand.succeeds("mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", disk.toString());
        assumeThat(mounted).as("a 32 KB tmpfs can be mounted (needs root and mount rights); skipped here").isTrue();
        try {
            CliRun png = CliRun.run("render", "--model", FIXTURE, "-i", CliRun.SAMPLE.toString(),
                    "-o", disk.resolve("out.png").toString(), "--preset", "happiness");
            CliRun gif = CliRun.run("animate", "--model", FIXTURE, "-i", CliRun.SAMPLE.toString(),
                    "-o", disk.resolve("out.gif").toString(), "--preset", "happiness", "--from", "neutral",
                    "--duration", "1", "--fps", "10", "--size", "256");
            CliRun mp4 = CliRun.run("animate", "--model", FIXTURE, "-i", CliRun.SAMPLE.toString(),
                    "-o", disk.resolve("out.mp4").toString(), "--preset", "happiness", "--from", "neutral",
                    "--duration", "4", "--fps", "10", "--size", "512");
            for (CliRun r : List.of(png, gif, mp4)) {
                assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
                assertThat(r.err()).contains("error: could not write " + disk).contains("the disk is full; free some space")
                        .doesNotContain("\tat ");
            }
            assertThat(listing(disk)).isEmpty();
        } finally {
            SystemCommand.succeeds("umount", disk.toString());
        }
    }

    @Test
    void aWriteErrorOnStandardOutputIsAFailure() throws Exception {
        File full = new File("/dev/full");
        assumeThat(full.exists()).as("/dev/full exists").isTrue();
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of("aus", CliRun.SAMPLE.toString(), "--json"));
        Process p = new ProcessBuilder(command).redirectOutput(full).redirectError(tmp.resolve("err.log").toFile()).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(tmp.resolve("err.log"))).contains("error: could not write to standard output");
    }

    @Test
    void cropDatasetNeverReplacesWithoutOverwrite() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(CliRun.SAMPLE, in.resolve("a.png"));
        Path out = tmp.resolve("crops");
        assertThat(CliRun.run("crop-dataset", "-i", in.toString(), "-o", out.toString()).status()).isZero();
        Files.writeString(out.resolve("crops.csv"), "my notes");
        long cropTime = Files.getLastModifiedTime(out.resolve("a_face-1.png")).toMillis();
        CliRun again = CliRun.run("crop-dataset", "-i", in.toString(), "-o", out.toString());
        assertThat(again.status()).isNotZero();
        assertThat(again.err()).contains("crops.csv", "exists", "--overwrite");
        assertThat(Files.readString(out.resolve("crops.csv"))).isEqualTo("my notes");
        // a crop already there stops a run too, before it is replaced
        Files.delete(out.resolve("crops.csv"));
        CliRun crops = CliRun.run("crop-dataset", "-i", in.toString(), "-o", out.toString());
        assertThat(crops.status()).isNotZero();
        assertThat(crops.err()).contains("a_face-1.png", "exists");
        assertThat(Files.getLastModifiedTime(out.resolve("a_face-1.png")).toMillis()).isEqualTo(cropTime);
        CliRun replaced = CliRun.run("crop-dataset", "-i", in.toString(), "-o", out.toString(), "--overwrite");
        assertThat(replaced.status()).as(replaced.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("crops.csv"))).hasSize(2);
    }

    private Process child(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GanimationCli.class.getName());
    }

    /** Whether a process runs (a zombie waiting for its parent to reap it does not). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private static long outputs(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().matches("p\\d\\.png")).count();
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
