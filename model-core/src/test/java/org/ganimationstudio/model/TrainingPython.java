package org.ganimationstudio.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the training package's commands (Debian's /usr/bin/python3 with torch) from tests.
 * Without torch the calling test is skipped, except under CI, where that is an error.
 */
final class TrainingPython {

    private TrainingPython() {
    }

    static String python() {
        return System.getProperty("ganimation.python", "/usr/bin/python3");
    }

    /** Skips the test (or fails under CI) when the Python side cannot run. */
    static void assumeAvailable() throws IOException, InterruptedException {
        String python = python();
        boolean ci = "true".equals(System.getenv("CI"));
        boolean hasTorch = Files.isExecutable(Path.of(python))
                && run(List.of(python, "-c", "import torch, numpy, PIL"), null, 60) == 0;
        if (!hasTorch && ci) {
            throw new IllegalStateException(python + " lacks torch/numpy/PIL: CI must install python3-torch");
        }
        assumeTrue(hasTorch, "skipped: " + python + " with torch, numpy and PIL is needed for the Python side");
    }

    /** Runs {@code python -m module args...} in training/; returns the exit status. */
    static int runModule(String module, List<String> args, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python(), "-m", module));
        command.addAll(args);
        return run(command, TestModels.repoRoot().resolve("training"), timeoutSeconds);
    }

    private static int run(List<String> command, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (p.exitValue() != 0 && dir != null) {
            System.err.println(output);
        }
        return p.exitValue();
    }
}
