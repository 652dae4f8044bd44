package org.ganimationstudio.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ganimation-bench}: the measurements behind docs/PERFORMANCE.md and the long-session soak of
 * docs/RELIABILITY.md, apart from the product's own commands. Same options, exit statuses and messages.
 */
@Command(name = "ganimation-bench", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Measure GANimation Studio: generator runtime, face pipeline, jobs, the live preview, and a long session.",
        subcommands = {BenchCommand.class, BenchFaceCommand.class, BenchJobsCommand.class, BenchPreviewCommand.class,
                SoakCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:done",
                "1:the measurement failed: a photo, model or file could not be read or written",
                "2:bad arguments; nothing was done"})
public final class BenchCli implements Callable<Integer> {

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace of an error.")
    boolean stacktrace;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a benchmark command line; returns the exit status (as {@link GanimationCli}'s). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return GanimationCli.run(new BenchCli(), args, out, err);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a benchmark, such as bench or bench-preview");
    }
}
