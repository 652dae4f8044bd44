package org.ganimationstudio.cli;

import java.io.PrintWriter;
import org.ganimationstudio.service.PlainMessage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ganimation} command line: every studio job, headless. */
@Command(name = "ganimation", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Animate the expression of a face with one value per facial Action Unit.",
        subcommands = {StudioCommand.class, RenderCommand.class, AnimateCommand.class, SheetCommand.class, BatchCommand.class, AusCommand.class, CropDatasetCommand.class, InfoCommand.class, BenchCommand.class, BenchFaceCommand.class, BenchJobsCommand.class, BenchPreviewCommand.class, SoakCommand.class,
                CommandLine.HelpCommand.class})
public final class GanimationCli {

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace of an error.")
    boolean stacktrace;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; returns the exit status (0 success, 1 failure, 2 bad usage). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        GanimationCli root = new GanimationCli();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean trace = parseResult.hasMatchedOption("--stacktrace");
            commandLine.getErr().println("error: " + PlainMessage.of(e));
            if (trace) {
                e.printStackTrace(commandLine.getErr());
            }
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        int status = cli.execute(args);
        // a full disk or a closed pipe behind standard output loses what was printed: that is a failure
        if (out.checkError()) {
            err.println("error: could not write to standard output (is the disk full, or the pipe closed?)");
            return Math.max(status, 1);
        }
        return status;
    }
}
