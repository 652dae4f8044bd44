package org.ganimationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every numeric option of every command, enumerated from picocli's model (so an option added later is
 * covered without touching this test), given extreme values: each value outside the option's range gets
 * a plain message naming the option and exit status 2. The options that reach native code (--box, sizes)
 * are also run in a child JVM, which must leave no JVM crash log (hs_err_pid*.log) behind.
 */
class ExtremeValuesTest {

    private static final List<String> EXTREMES = List.of("0", "-1", "-2147483648", "2147483647", "2147483648",
            "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "1e308", "1e309", "-1e309",
            "NaN", "Infinity", "-Infinity", "0.5", "1e-320");

    /** Types whose options take numbers (FaceBox and FaceChoice check their own numbers as they convert). */
    private static final List<Class<?>> NUMERIC = List.of(int.class, Integer.class, long.class, Long.class, double.class,
            Double.class, double[].class, int[].class, FaceBox.class, FaceChoice.class);

    @TempDir
    Path tmp;

    /** A valid command line for each command, to which one extreme option is added. */
    private Map<String, List<String>> baseArgs() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        if (!Files.exists(photos.resolve("a.png"))) {
            Files.copy(CliRun.SAMPLE, photos.resolve("a.png"));
        }
        String fixture = CliRun.FIXTURE.toString();
        String sample = CliRun.SAMPLE.toString();
        return Map.ofEntries(
                Map.entry("render", List.of("--model", fixture, "-i", sample, "-o", tmp.resolve("o.png").toString(), "--preset", "anger")),
                Map.entry("animate", List.of("--model", fixture, "-i", sample, "-o", tmp.resolve("a.gif").toString(),
                        "--preset", "anger", "--from", "neutral")),
                Map.entry("sheet", List.of("--model", fixture, "-i", sample, "-o", tmp.resolve("s.png").toString())),
                Map.entry("batch", List.of("--model", fixture, "-i", photos.toString(), "-o", tmp.resolve("b").toString(),
                        "--preset", "anger")),
                Map.entry("aus", List.of(sample)),
                Map.entry("crop-dataset", List.of("-i", photos.toString(), "-o", tmp.resolve("c").toString())),
                Map.entry("info", List.of()),
                Map.entry("bench", List.of()),
                Map.entry("bench-face", List.of("--photo", sample)),
                Map.entry("bench-jobs", List.of("--photo", sample)),
                Map.entry("bench-preview", List.of()),
                Map.entry("soak", List.of()));
    }

    private record NumericOption(String command, OptionSpec option) {
        String name() {
            return option.longestName();
        }
    }

    private static List<NumericOption> numericOptions() {
        List<NumericOption> found = new ArrayList<>();
        Map<String, CommandLine> commands = new java.util.LinkedHashMap<>(new CommandLine(new GanimationCli()).getSubcommands());
        commands.putAll(new CommandLine(new BenchCli()).getSubcommands());
        for (Map.Entry<String, CommandLine> sub : commands.entrySet()) {
            CommandSpec spec = sub.getValue().getCommandSpec();
            for (OptionSpec o : spec.options()) {
                if (NUMERIC.contains(o.type()) || o.type().isPrimitive() && o.type() != boolean.class
                        || Number.class.isAssignableFrom(o.type())) {
                    found.add(new NumericOption(sub.getKey(), o));
                }
            }
        }
        return found;
    }

    @Test
    void everyNumericOptionHasADocumentedRange() {
        List<NumericOption> options = numericOptions();
        assertThat(options).extracting(o -> o.command() + " " + o.name())
                .contains("render --box", "render --intensity", "animate --size", "animate --fps", "animate --duration",
                        "sheet --cell", "sheet --count", "sheet --columns", "sheet --intensities", "crop-dataset --size");
        for (NumericOption o : options) {
            assertThat(NUMERIC).as(o.command() + " " + o.name() + " has a type this test knows").contains(o.option().type());
            Field field = ArgumentChecks.fieldOf(o.option());
            boolean converts = o.option().type() == FaceBox.class || o.option().type() == FaceChoice.class;
            assertThat(converts || field != null && field.getAnnotation(Range.class) != null)
                    .as(o.command() + " " + o.name() + " declares its range with @Range").isTrue();
        }
    }

    @Test
    void extremeValuesOfEveryNumericOptionGetAPlainMessageAndStatus2() throws Exception {
        Map<String, List<String>> base = baseArgs();
        int refused = 0;
        int inRange = 0;
        for (NumericOption o : numericOptions()) {
            if (!base.containsKey(o.command())) {
                throw new AssertionError("no base command line for '" + o.command() + "': add one to this test");
            }
            for (String v : valuesFor(o)) {
                if (accepted(o, v)) {
                    inRange++; // a legal value: running the whole job for it is other tests' work
                    continue;
                }
                List<String> args = new ArrayList<>();
                args.add(o.command());
                args.addAll(base.get(o.command()));
                args.add(o.name() + "=" + v);
                CliRun r = CliRun.either(args.toArray(String[]::new));
                String what = String.join(" ", args);
                assertThat(r.status()).as(what + "\n" + r.err()).isEqualTo(GanimationCli.BAD_ARGUMENTS);
                assertThat(r.err()).as(what).startsWith("error: ").contains(o.name())
                        .doesNotContain("\tat ", "Exception", "java.", "picocli.");
                refused++;
            }
        }
        System.out.printf("extreme values: %d refused with status 2, %d legal values skipped%n", refused, inRange);
        assertThat(refused).isGreaterThan(200);
    }

    private static List<String> valuesFor(NumericOption o) {
        Class<?> type = o.option().type();
        if (type == FaceBox.class) {
            List<String> boxes = new ArrayList<>();
            for (String v : EXTREMES) {
                boxes.add(v + "," + v + "," + v + "," + v);
                boxes.add("0,0," + v + "," + v);
            }
            return boxes;
        }
        if (type.isArray()) {
            return Stream.concat(EXTREMES.stream(), Stream.of(String.join(",", java.util.Collections.nCopies(500, "0.5"))))
                    .toList();
        }
        return EXTREMES;
    }

    /** Whether the option takes {@code value}: it converts and lies in the option's @Range. */
    private static boolean accepted(NumericOption o, String value) {
        Class<?> type = o.option().type();
        try {
            if (type == FaceBox.class) {
                new FaceBox.Converter().convert(value);
                return true;
            }
            if (type == FaceChoice.class) {
                new FaceChoice.Converter().convert(value);
                return true;
            }
        } catch (CommandLine.TypeConversionException e) {
            return false;
        }
        Range range = ArgumentChecks.fieldOf(o.option()).getAnnotation(Range.class);
        String[] parts = type.isArray() ? value.split(",") : new String[] {value};
        if (parts.length > range.maxValues()) {
            return false;
        }
        Class<?> element = type.isArray() ? type.getComponentType() : type;
        for (String p : parts) {
            double d;
            try {
                d = element == int.class || element == Integer.class ? Integer.parseInt(p)
                        : element == long.class || element == Long.class ? Long.parseLong(p) : Double.parseDouble(p);
            } catch (NumberFormatException e) {
                return false;
            }
            boolean low = range.aboveMin() ? !(d > range.min()) : !(d >= range.min());
            if (low || !(d <= range.max())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The options that reach OpenCV, the model or the encoder, in a JVM of their own: a crash in native code
     * would end it with a signal and an hs_err_pid*.log in its working folder. A box within the limits but
     * outside the photo is refused once the photo is read.
     */
    @Test
    void nativeFacingOptionsNeverCrashTheJvm() throws Exception {
        Map<String, List<String>> base = baseArgs();
        Path work = Files.createDirectories(tmp.resolve("work"));
        List<List<String>> runs = new ArrayList<>();
        for (String command : List.of("render", "animate", "sheet", "aus")) {
            for (String box : List.of("2147483647,0,100,100", "999999,999999,999999,999999", "500,500,100,100")) {
                runs.add(with(command, base, "--box", box));
            }
        }
        runs.add(with("animate", base, "--size", "2147483647"));
        runs.add(with("animate", base, "--fps", "1e309"));
        runs.add(with("sheet", base, "--cell", "2147483647"));
        runs.add(with("crop-dataset", base, "--size", "2147483647"));
        runs.add(with("bench-face", base, "--width", "2147483647"));
        runs.add(with("bench-face", base, "--width", "20000", "--height", "20000"));
        for (List<String> args : runs) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    (CliRun.BENCHMARKS.contains(args.get(0)) ? BenchCli.class : GanimationCli.class).getName()));
            command.addAll(args);
            Path log = work.resolve("child.log");
            Process child = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
            String output = Files.readString(log);
            assertThat(child.exitValue()).as(String.join(" ", args) + "\n" + output).isEqualTo(GanimationCli.BAD_ARGUMENTS);
            assertThat(output).as(String.join(" ", args)).contains("error: ").doesNotContain("\tat ", "SIGSEGV", "fatal error");
        }
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err_pid"));
        }
    }

    private static List<String> with(String command, Map<String, List<String>> base, String... extra) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(base.get(command));
        args.addAll(Arrays.asList(extra));
        return args;
    }
}
