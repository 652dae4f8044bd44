package org.ganimationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's contract: exit status 0 done, 1 the work failed, 2 bad arguments (found before any
 * model is loaded); --stacktrace anywhere; every path named for what it is; odd pictures in plain words.
 */
class ExitCodesAndArgumentsTest {

    private static final String FIXTURE = CliRun.FIXTURE.toString();
    private static final String SAMPLE = CliRun.SAMPLE.toString();
    private static final Path NO_FACE = CliRun.ROOT.resolve("face-detect/src/test/resources/photos/coffee.png");

    @TempDir
    Path tmp;

    private static void plain(CliRun r) {
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ", "Exception", "picocli.");
    }

    @Test
    void noFaceFoundIsAFailedJobNotABadArgument() {
        CliRun r = CliRun.run("render", "--model", FIXTURE, "-i", NO_FACE.toString(), "-o", tmp.resolve("o.png").toString(),
                "--preset", "happiness");
        assertThat(r.status()).as(r.err()).isEqualTo(GanimationCli.FAILED);
        assertThat(r.err()).contains("no face found in coffee.png");
        plain(r);
    }

    @Test
    void exitStatusesAreDocumentedInHelp() {
        CliRun help = CliRun.run("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Exit status:", "0   done", "1   the work failed", "2   bad arguments");
        CliRun render = CliRun.run("render", "--help");
        assertThat(render.out()).contains("Exit status:", "2   bad arguments");
    }

    @Test
    void stacktraceWorksAnywhereOnTheCommandLine() {
        String out = tmp.resolve("o.png").toString();
        for (String[] args : new String[][] {
                {"--stacktrace", "render", "--model", FIXTURE, "-i", NO_FACE.toString(), "-o", out, "--preset", "anger"},
                {"render", "--stacktrace", "--model", FIXTURE, "-i", NO_FACE.toString(), "-o", out, "--preset", "anger"},
                {"render", "--model", FIXTURE, "-i", NO_FACE.toString(), "-o", out, "--preset", "anger", "--stacktrace"}}) {
            CliRun r = CliRun.run(args);
            assertThat(r.status()).isEqualTo(GanimationCli.FAILED);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("error: no face found").contains("\tat ");
        }
        CliRun quiet = CliRun.run("render", "--model", FIXTURE, "-i", NO_FACE.toString(), "-o", out, "--preset", "anger");
        assertThat(quiet.err()).doesNotContain("\tat ");
    }

    @Test
    void renderWithoutAnExpressionIsRefused() {
        Path out = tmp.resolve("o.png");
        CliRun r = CliRun.run("render", "--model", FIXTURE, "-i", SAMPLE, "-o", out.toString());
        assertThat(r.status()).isEqualTo(GanimationCli.BAD_ARGUMENTS);
        assertThat(r.err()).contains("give an expression");
        plain(r);
        assertThat(out).doesNotExist();
    }

    @Test
    void sizesOfZeroOrLessAreRefused() {
        for (String size : new String[] {"0", "-1", "-2147483648"}) {
            CliRun r = CliRun.run("animate", "--model", FIXTURE, "-i", SAMPLE, "-o", tmp.resolve("a.gif").toString(),
                    "--preset", "anger", "--from", "neutral", "--size", size);
            assertThat(r.status()).isEqualTo(GanimationCli.BAD_ARGUMENTS);
            assertThat(r.err()).contains("--size must be within 16 to 4,096 pixels, got " + size);
            plain(r);
        }
        assertThat(tmp.resolve("a.gif")).doesNotExist();
    }

    /**
     * A wrong argument is reported before the detector, the estimator or the model is loaded: the
     * estimator and the model given here are unusable and the photo has no face, yet the message is about
     * the argument.
     */
    @Test
    void animateChecksItsArgumentsBeforeLoadingAnyModel() throws Exception {
        Path broken = Files.createDirectories(tmp.resolve("no-model"));
        String[] base = {"animate", "--model", broken.toString(), "--estimator", broken.toString(), "-i", NO_FACE.toString(),
                "-o", tmp.resolve("a.gif").toString(), "--preset", "happiness"};
        String[][] wrong = {{"--easing", "wobble"}, {"--from", "sideways"}, {"--fps", "0"}, {"--duration", "-1"},
                {"--size", "8"}, {"--aus", "AU12=7"}};
        String[] expected = {"unknown easing 'wobble'", "--from takes current or neutral", "--fps must be more than 0",
                "--duration must be more than 0", "--size must be within 16", "outside [0, 1]"};
        for (int i = 0; i < wrong.length; i++) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(wrong[i]))
                    .toArray(String[]::new);
            CliRun r = CliRun.run(args);
            assertThat(r.status()).as(r.err()).isEqualTo(GanimationCli.BAD_ARGUMENTS);
            assertThat(r.err()).contains(expected[i]).doesNotContain("model", "no face");
            plain(r);
        }
        Path keyframes = Files.writeString(tmp.resolve("k.json"),
                "{\"keyframes\": [{\"time\": 0}, {\"time\": 1, \"preset\": \"happiness\", \"intesity\": 0.1}]}");
        CliRun r = CliRun.run("animate", "--model", broken.toString(), "-i", NO_FACE.toString(), "-o",
                tmp.resolve("a.gif").toString(), "--keyframes", keyframes.toString());
        assertThat(r.status()).isEqualTo(GanimationCli.BAD_ARGUMENTS);
        assertThat(r.err()).contains("k.json, keyframe 2: unknown key 'intesity'", "intensity");
    }

    @Test
    void aMisspeltKeyInAnExpressionFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("e.json"), "{\"preset\": \"happiness\", \"intesity\": 0.1}");
        CliRun r = CliRun.run("render", "--model", FIXTURE, "-i", SAMPLE, "-o", tmp.resolve("o.png").toString(),
                "--aus-file", file.toString());
        assertThat(r.status()).isEqualTo(GanimationCli.BAD_ARGUMENTS);
        assertThat(r.err()).contains("e.json: unknown key 'intesity'; allowed keys: preset, intensity, aus");
        plain(r);
        assertThat(tmp.resolve("o.png")).doesNotExist();
    }

    @Test
    void aFolderANamedPipeOrADeviceIsNamedForEveryFileOption() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("photo.png"));
        Path fifo = tmp.resolve("pipe.png");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available");
        String out = tmp.resolve("o.png").toString();
        // nothing writes to the pipe: a read would block for ever, so each of these must not open it
        check(CliRun.run("render", "--model", FIXTURE, "-i", folder.toString(), "-o", out, "--preset", "anger"),
                "--input: " + folder + " is a folder, not a photo");
        check(CliRun.run("render", "--model", FIXTURE, "-i", fifo.toString(), "-o", out, "--preset", "anger"),
                "--input: " + fifo + " is a named pipe (FIFO), not a photo");
        check(CliRun.run("aus", fifo.toString()), "PHOTO: " + fifo + " is a named pipe (FIFO)");
        check(CliRun.run("render", "--model", FIXTURE, "-i", SAMPLE, "-o", out, "--aus-file", fifo.toString()),
                "--aus-file: " + fifo + " is a named pipe (FIFO), not an expression file");
        check(CliRun.run("animate", "--model", FIXTURE, "-i", SAMPLE, "-o", tmp.resolve("a.gif").toString(),
                "--keyframes", folder.toString()), "--keyframes: " + folder + " is a folder, not a keyframes file");
        check(CliRun.run("render", "--model", fifo.toString(), "-i", SAMPLE, "-o", out, "--preset", "anger"),
                "--model: " + fifo + " is a named pipe (FIFO), not a model folder");
        check(CliRun.run("render", "--model", FIXTURE, "-i", SAMPLE, "-o", folder.toString(), "--preset", "anger"),
                "--output: " + folder + " is a folder, not a file to write the edited photo to");
        check(CliRun.run("batch", "--model", FIXTURE, "-i", fifo.toString(), "-o", tmp.resolve("b").toString(),
                "--preset", "anger"), "--input: " + fifo + " is a named pipe (FIFO), not a folder of photos");
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            check(CliRun.run("render", "--model", FIXTURE, "-i", devNull.toString(), "-o", out, "--preset", "anger"),
                    "--input: /dev/null is a device, not a photo");
        }
    }

    /** Every path option of every command (enumerated, so new ones are covered) says what it names. */
    @Test
    void everyPathOptionDeclaresWhatItNames() {
        var commands = new java.util.LinkedHashMap<>(new picocli.CommandLine(new GanimationCli()).getSubcommands());
        commands.putAll(new picocli.CommandLine(new BenchCli()).getSubcommands());
        int paths = 0;
        for (var sub : commands.entrySet()) {
            for (picocli.CommandLine.Model.ArgSpec arg : sub.getValue().getCommandSpec().args()) {
                if (arg.type() == Path.class) {
                    java.lang.reflect.Field f = ArgumentChecks.fieldOf(arg);
                    assertThat(f != null && f.getAnnotation(PathRole.class) != null)
                            .as(sub.getKey() + " " + ArgumentChecks.nameOf(arg) + " has a @PathRole").isTrue();
                    paths++;
                }
            }
        }
        assertThat(paths).isGreaterThan(20);
    }

    private static void check(CliRun r, String message) {
        assertThat(r.status()).as(r.err()).isEqualTo(GanimationCli.BAD_ARGUMENTS);
        assertThat(r.err()).contains(message);
        plain(r);
    }

    @Test
    void anExtremelyThinPictureGetsPlainWords() throws Exception {
        Path thin = tmp.resolve("thin.png");
        ImageIO.write(new BufferedImage(60_000, 1, BufferedImage.TYPE_3BYTE_BGR), "png", thin.toFile());
        CliRun r = CliRun.run("render", "--model", FIXTURE, "-i", thin.toString(), "-o", tmp.resolve("o.png").toString(),
                "--preset", "happiness");
        assertThat(r.status()).isEqualTo(GanimationCli.FAILED);
        assertThat(r.err()).contains("no face found in thin.png").doesNotContain("OpenCV", "Assertion");
        plain(r);
        CliRun boxed = CliRun.run("render", "--model", FIXTURE, "-i", thin.toString(), "-o", tmp.resolve("o.png").toString(),
                "--preset", "happiness", "--box", "0,0,60000,1");
        assertThat(boxed.err()).doesNotContain("OpenCV", "Assertion");
        plain(boxed);
    }

    /** A job too large for the heap it is given ends with one plain line and status 1, in a JVM of its own. */
    @Test
    void runningOutOfMemoryGetsPlainWords() throws Exception {
        java.util.List<String> command = java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-cp", System.getProperty("java.class.path"), BenchCli.class.getName(),
                "bench-face", "--photo", SAMPLE, "--width", "10000", "--height", "10000", "--runs", "1");
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isEqualTo(GanimationCli.FAILED);
        assertThat(output).contains("error: out of memory").doesNotContain("\tat ", "java.lang.OutOfMemoryError");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err_pid"));
        }
    }
}
