package org.ganimationstudio.cli;

import java.io.PrintWriter;
import org.ganimationstudio.model.InvalidModelException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ganimation} command line: every studio job, headless. */
@Command(name = "ganimation", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Animate the expression of a face with one value per facial Action Unit.",
        subcommands = {StudioCommand.class, RenderCommand.class, AnimateCommand.class, SheetCommand.class, BatchCommand.class, AusCommand.class, CropDatasetCommand.class, InfoCommand.class, BenchCommand.class, BenchFaceCommand.class, BenchJobsCommand.class, SoakCommand.class,
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
            commandLine.getErr().println("error: " + plainMessage(e));
            if (trace) {
                e.printStackTrace(commandLine.getErr());
            }
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }

    static String plainMessage(Throwable e) {
        if (e instanceof InvalidModelException) {
            return "the model cannot be used: " + e.getMessage();
        }
        // NIO's own messages are just a path
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "cannot write " + f.getFile() + ": a file of that name is in the way";
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return "no such file or folder: " + f.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return "cannot write " + f.getFile() + (f.getReason() == null ? "" : ": " + f.getReason());
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
