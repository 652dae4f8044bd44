package org.ganimationstudio.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the command line in-process and keeps what it printed; the paths the CLI tests share. */
record CliRun(int status, String out, String err) {

    static final Path ROOT = Path.of(System.getProperty("ganimation.repo", "..")).toAbsolutePath().normalize();
    static final Path SAMPLE = ROOT.resolve("assets/samples/astronaut.png");
    static final Path FIXTURE = ROOT.resolve("assets/models/fixture");

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = GanimationCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(status, out.toString(), err.toString());
    }
}
