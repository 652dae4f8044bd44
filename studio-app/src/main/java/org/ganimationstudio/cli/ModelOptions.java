package org.ganimationstudio.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.model.ModelDirectory;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --device}, shared by every command that runs the generator. */
final class ModelOptions {

    /** Environment variable naming a model directory to use instead of the shipped one. */
    static final String MODEL_ENV = "GANIMATION_MODEL";

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model directory (generator.pt + model.json). Default: $" + MODEL_ENV
                    + ", else the shipped default model.")
    Path model;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda",
            description = "Where the generator runs (default: auto, or $GANIMATION_DEVICE).")
    String device;

    ComputeDevice computeDevice() {
        return device == null ? ComputeDevice.fromEnvironment() : ComputeDevice.parse(device);
    }

    ModelDirectory directory() throws InvalidModelException {
        if (model != null) {
            return ModelDirectory.open(model);
        }
        String env = System.getenv(MODEL_ENV);
        if (env != null && !env.isBlank()) {
            return ModelDirectory.open(Path.of(env));
        }
        for (Path candidate : shippedModels()) {
            if (Files.isRegularFile(candidate.resolve(ModelDirectory.METADATA_FILE))) {
                return ModelDirectory.open(candidate);
            }
        }
        throw new InvalidModelException("no model found: pass --model DIR or set " + MODEL_ENV
                + " (looked in " + shippedModels() + ")");
    }

    ExpressionModel open() throws InvalidModelException {
        return ExpressionModel.open(directory(), computeDevice());
    }

    /** assets/models/default (the trained model), then assets/models/fixture, near the jar or the working directory. */
    static List<Path> shippedModels() {
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of("").toAbsolutePath());
        try {
            Path jar = Path.of(GanimationCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // studio-app/target/ganimation-studio.jar (or target/classes) -> repository root
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("assets/models"))) {
                    roots.add(p);
                    break;
                }
            }
        } catch (Exception ignored) {
            // no code source location: working directory only
        }
        List<Path> candidates = new ArrayList<>();
        for (String name : List.of("default", "fixture")) {
            for (Path root : roots) {
                Path c = root.resolve("assets/models").resolve(name).normalize();
                if (!candidates.contains(c)) {
                    candidates.add(c);
                }
            }
        }
        return candidates;
    }
}
