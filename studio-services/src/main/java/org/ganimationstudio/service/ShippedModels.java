package org.ganimationstudio.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.face.FaceFinderKind;
import org.ganimationstudio.face.FaceFinders;
import org.ganimationstudio.model.InvalidModelException;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.model.ModelKind;

/**
 * The models that ship in {@code assets/models/}: the expression generator ({@code default}), the AU
 * estimator ({@code estimator}) and the face finder's networks ({@code face}). The untrained test fixture beside them is never used in their place: a
 * missing or damaged shipped model is reported as such. Found near the running jar or the
 * working directory; an environment variable can name another directory.
 */
public final class ShippedModels {

    /** Environment variable naming a generator model directory to use instead of the shipped one. */
    public static final String MODEL_ENV = "GANIMATION_MODEL";
    /** Environment variable naming an AU estimator model directory. */
    public static final String ESTIMATOR_ENV = "GANIMATION_ESTIMATOR";

    private ShippedModels() {
    }

    /** {@code explicit}, else $GANIMATION_MODEL, else assets/models/default. */
    public static ModelDirectory generator(Path explicit) throws InvalidModelException {
        return find(explicit, MODEL_ENV, List.of("default"), ModelKind.EXPRESSION_GENERATOR, "model");
    }

    /** {@code explicit}, else $GANIMATION_ESTIMATOR, else assets/models/estimator. */
    public static ModelDirectory estimator(Path explicit) throws InvalidModelException {
        return find(explicit, ESTIMATOR_ENV, List.of("estimator"), ModelKind.AU_ESTIMATOR, "AU estimator");
    }

    /** Environment variable naming a face finder models folder (detector.pt, landmarks.pt). */
    public static final String FACE_MODELS_ENV = "GANIMATION_FACE_MODELS";

    /** $GANIMATION_FACE_MODELS, else assets/models/face; null when neither is there. */
    public static Path faceModels() {
        String fromEnv = System.getenv(FACE_MODELS_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return candidates(List.of("face")).stream().filter(c -> Files.isRegularFile(c.resolve(ModelDirectory.METADATA_FILE)))
                .findFirst().orElse(null);
    }

    /** The face finder the settings choose ({@link FaceFinderKind#fromEnvironment()}: the CNN unless told otherwise). */
    public static FaceFinder faceFinder() {
        return faceFinder(FaceFinderKind.fromEnvironment());
    }

    /** A face finder of {@code kind}; the CNN falls back to the Haar cascades when its models are missing. */
    public static FaceFinder faceFinder(FaceFinderKind kind) {
        return FaceFinders.open(kind, kind == FaceFinderKind.CNN ? faceModels() : null);
    }

    /** The public-domain sample portrait, assets/samples/astronaut.png. */
    public static Path samplePhoto() {
        for (Path root : roots()) {
            Path sample = root.resolve("assets/samples/astronaut.png");
            if (Files.isRegularFile(sample)) {
                return sample;
            }
        }
        throw new IllegalArgumentException("the sample portrait assets/samples/astronaut.png is not here; give a photo");
    }

    private static ModelDirectory find(Path explicit, String env, List<String> names, ModelKind kind, String what)
            throws InvalidModelException {
        if (explicit != null) {
            return ModelDirectory.open(explicit, kind);
        }
        String fromEnv = System.getenv(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return ModelDirectory.open(Path.of(fromEnv), kind);
        }
        return firstOf(candidates(names), kind, what, env);
    }

    /** The first of {@code candidates} that holds a model.json, opened; missing or damaged, in plain words. */
    static ModelDirectory firstOf(List<Path> candidates, ModelKind kind, String what, String env)
            throws InvalidModelException {
        Optional<Path> found = candidates.stream()
                .filter(c -> Files.isRegularFile(c.resolve(ModelDirectory.METADATA_FILE))).findFirst();
        if (found.isEmpty()) {
            throw new InvalidModelException("the shipped " + what + " is missing (looked in " + candidates
                    + "): reinstall, name a model directory, or set " + env);
        }
        try {
            return ModelDirectory.open(found.get(), kind);
        } catch (InvalidModelException e) {
            throw new InvalidModelException("the shipped " + what + " in " + found.get() + " is damaged: "
                    + e.getMessage() + "; reinstall, name a model directory, or set " + env, e);
        }
    }

    /**
     * assets/models/NAME in the working directory or the nearest folder above it that has one, then near
     * the code (studio-app/target/ganimation-studio.jar -> the repository or installation root).
     */
    static List<Path> candidates(List<String> names) {
        List<Path> roots = roots();
        List<Path> candidates = new ArrayList<>();
        for (String name : names) {
            for (Path root : roots) {
                Path c = root.resolve("assets/models").resolve(name).normalize();
                if (!candidates.contains(c)) {
                    candidates.add(c);
                }
            }
        }
        return candidates;
    }

    /** The working directory, the nearest folder above it with assets/models, and the one above the code. */
    private static List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        Path cwd = Path.of("").toAbsolutePath();
        roots.add(cwd);
        nearestWithModels(cwd).ifPresent(roots::add);
        try {
            Path code = Path.of(ShippedModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            nearestWithModels(code).ifPresent(roots::add);
        } catch (Exception ignored) {
            // no code source location: working directory only
        }
        return roots;
    }

    private static Optional<Path> nearestWithModels(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("assets/models"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
