package org.ganimationstudio.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the command line in-process and keeps what it printed; the paths the CLI tests share. */
record CliRun(int status, String out, String err) {

    static final Path ROOT = Path.of(System.getProperty("ganimation.repo", "..")).toAbsolutePath().normalize();
    static final Path SAMPLE = ROOT.resolve("assets/samples/astronaut.png");
    static final Path FIXTURE = ROOT.resolve("assets/models/fixture");

    /** The commands of the benchmark tool (ganimation-bench), not of ganimation. */
    static final java.util.Set<String> BENCHMARKS = java.util.Set.of("bench", "bench-face", "bench-jobs", "bench-preview", "soak");

    /** Runs {@code ganimation-bench} in-process. */
    static CliRun bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = BenchCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }

    /** Runs {@code args} with the tool that has their command: ganimation, or ganimation-bench for a benchmark. */
    static CliRun either(String... args) {
        return args.length > 0 && BENCHMARKS.contains(args[0]) ? bench(args) : run(args);
    }

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = GanimationCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }
}
