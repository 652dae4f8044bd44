package org.ganimationstudio.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.ganimationstudio.service.PlainMessage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** The {@code ganimation} command line: every studio job, headless. */
@Command(name = "ganimation", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Animate the expression of a face with one value per facial Action Unit.",
        subcommands = {StudioCommand.class, RenderCommand.class, AnimateCommand.class, SheetCommand.class, BatchCommand.class,
                AusCommand.class, CropDatasetCommand.class, InfoCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Benchmarks and the long-session soak are in the ganimation-bench tool (docs/PERFORMANCE.md)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:done",
                "1:the work failed: a photo, model or file could not be read or written, no face was found, "
                        + "or (batch) any photo failed",
                "2:bad arguments: an unknown option, a value out of its range, a wrong kind of path, an invalid "
                        + "expression or keyframes file, a box outside the photo; nothing was done"})
public final class GanimationCli implements Callable<Integer> {

    /** Exit status: the work is done. */
    public static final int DONE = 0;
    /** Exit status: the work failed (a file, a photo without a face, the model, a write). */
    public static final int FAILED = 1;
    /** Exit status: the command line is wrong; nothing was done. */
    public static final int BAD_ARGUMENTS = 2;

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace of an error.")
    boolean stacktrace;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a command, such as render or animate");
    }

    /** Runs a command line; returns the exit status ({@link #DONE}, {@link #FAILED} or {@link #BAD_ARGUMENTS}). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(new GanimationCli(), args, out, err);
    }

    /** Runs {@code args} against the commands of {@code root} (this tool, or the benchmark tool) with the same rules. */
    static int run(Object root, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.getCommandSpec().exitCodeOnInvalidInput(BAD_ARGUMENTS);
        cli.getCommandSpec().exitCodeOnExecutionException(FAILED);
        // every command's --help lists the exit statuses too
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading(cli.getCommandSpec().usageMessage().exitCodeListHeading())
                    .exitCodeList(cli.getCommandSpec().usageMessage().exitCodeList());
        }
        cli.setExecutionStrategy(parsed -> {
            ArgumentChecks.check(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        // --stacktrace is honoured wherever it stands, even on a command line that does not parse
        boolean trace = Arrays.asList(args).contains("--stacktrace");
        cli.setParameterExceptionHandler((e, given) -> {
            CommandLine where = e.getCommandLine();
            PrintWriter w = where.getErr();
            w.println("error: " + e.getMessage());
            if (trace) {
                e.printStackTrace(w);
            }
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, w)) {
                w.println("(see '" + where.getCommandSpec().qualifiedName() + " --help' for its options)");
            }
            return BAD_ARGUMENTS;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + PlainMessage.of(e));
            if (trace || traceAsked(parseResult)) {
                e.printStackTrace(commandLine.getErr());
            }
            return FAILED;
        });
        int status;
        try {
            status = cli.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // errors escape picocli's handlers: still one plain line and the failure status
            err.println("error: " + PlainMessage.of(e));
            if (trace) {
                e.printStackTrace(err);
            }
            return FAILED;
        }
        // a full disk or a closed pipe behind standard output loses what was printed: that is a failure
        if (out.checkError()) {
            err.println("error: could not write to standard output (is the disk full, or the pipe closed?)");
            return Math.max(status, FAILED);
        }
        return status;
    }

    private static boolean traceAsked(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--stacktrace")) {
                return true;
            }
        }
        return false;
    }
}
