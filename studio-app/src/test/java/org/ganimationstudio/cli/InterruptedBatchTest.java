package org.ganimationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch in its own JVM, killed with SIGKILL midway, then run again: nothing redone, nothing lost. */
class InterruptedBatchTest {

    @TempDir
    Path tmp;

    @Test
    void aKilledBatchResumesWithoutRedoingOrLosingWork() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        int photos = 8;
        for (int i = 0; i < photos; i++) {
            Files.copy(CliRun.SAMPLE, in.resolve("p" + i + ".png"));
        }
        Path out = tmp.resolve("out");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GanimationCli.class.getName(),
                "batch", "--model", CliRun.FIXTURE.toString(), "-i", in.toString(), "-o", out.toString(),
                "--preset", "happiness");
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (finished(out) < 3 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the batch was still running when killed: " + Files.readString(tmp.resolve("child.log")))
                    .isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean-up
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long done = finished(out);
        assertThat(done).isBetween(3L, (long) photos - 1);
        for (File f : out.toFile().listFiles((d, n) -> n.endsWith(".png") && !n.startsWith("."))) {
            assertThat(ImageIO.read(f)).as(f.getName() + " is a complete picture").isNotNull();
        }
        long[] modified = new long[photos];
        for (int i = 0; i < photos; i++) {
            Path p = out.resolve("p" + i + ".png");
            modified[i] = Files.exists(p) ? Files.getLastModifiedTime(p).toMillis() : -1;
        }

        CliRun again = CliRun.run("batch", "--model", CliRun.FIXTURE.toString(), "-i", in.toString(), "-o", out.toString(),
                "--preset", "happiness");
        assertThat(again.status()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("done " + (photos - done) + ", skipped " + done + " (already done), failed 0");
        for (int i = 0; i < photos; i++) {
            Path p = out.resolve("p" + i + ".png");
            assertThat(ImageIO.read(p.toFile()).getWidth()).isEqualTo(512);
            if (modified[i] >= 0) {
                assertThat(Files.getLastModifiedTime(p).toMillis()).as("p%d was not redone", i).isEqualTo(modified[i]);
            }
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    private static long finished(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().matches("p\\d\\.png")).count();
        }
    }
}
