package org.ganimationstudio.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checked-in inputs of a fuzz test ({@code <TestClass>Inputs/<method>/} beside the test class),
 * which Jazzer replays in a plain build and starts fuzzing from.
 */
public final class FuzzInputs {

    private FuzzInputs() {
    }

    /** A fuzz test's check of one input. */
    public interface Check {
        void run(byte[] input) throws Exception;
    }

    /**
     * Runs a fuzz test's check once on each of its inputs before the timed executions, so that
     * loading (and, when fuzzing, instrumenting) the parsers' classes is not counted against the
     * per-input time limit. Failures are left to the replay that follows, which names the input.
     */
    public static void warmUp(Class<?> testClass, String method, Check check) {
        for (byte[] input : of(testClass, method)) {
            try {
                check.run(input);
            } catch (Exception | AssertionError e) {
                // reported by Jazzer's replay of the same input
            }
        }
    }

    /** The inputs of one fuzz test method. */
    public static List<byte[]> of(Class<?> testClass, String method) {
        URL dir = testClass.getResource(testClass.getSimpleName() + "Inputs/" + method);
        if (dir == null) {
            throw new IllegalStateException("no inputs for " + testClass.getSimpleName() + "." + method);
        }
        List<byte[]> inputs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(dir.toURI()))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                inputs.add(Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return inputs;
    }
}
