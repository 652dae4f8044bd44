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

    /**
     * The inputs of one fuzz test method. Fuzz tests run them once before the timed executions, so
     * that loading (and, when fuzzing, instrumenting) the parsers' classes is not counted against
     * the per-input time limit.
     */
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
