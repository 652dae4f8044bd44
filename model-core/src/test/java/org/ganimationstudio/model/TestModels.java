package org.ganimationstudio.model;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Locations of the committed models the tests use. */
final class TestModels {

    private TestModels() {
    }

    static Path repoRoot() {
        String p = System.getProperty("ganimation.repo");
        Path root = p != null ? Path.of(p) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("assets"))) {
            root = Path.of("").toAbsolutePath().getParent();
        }
        return root;
    }

    /** The randomly initialised fixture generator in assets/. */
    static Path fixture() {
        return repoRoot().resolve("assets/models/fixture");
    }

    static Path resource(String name) {
        try {
            return Path.of(TestModels.class.getResource("/models/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A writable copy of a model directory. */
    static Path copy(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    /** A deterministic test face: smooth colour gradients plus a pattern. */
    static RgbImage testFace(int size, int seed) {
        float[] p = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v = 0.5 + 0.4 * Math.sin((x * (c + 1) + y * (seed + 2)) * 0.05 + seed);
                    p[(c * size + y) * size + x] = (float) v;
                }
            }
        }
        return RgbImage.ofPlanes(size, size, p);
    }
}
