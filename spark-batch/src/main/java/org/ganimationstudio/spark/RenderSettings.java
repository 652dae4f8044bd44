package org.ganimationstudio.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.service.AnimationFormat;
import org.ganimationstudio.service.AnimationSettings;
import org.ganimationstudio.service.Easing;
import org.ganimationstudio.service.ExpressionBatchJob;
import org.ganimationstudio.service.ExpressionSpec;
import org.ganimationstudio.service.FaceExpression;
import org.ganimationstudio.service.Timeline;

/**
 * What every photo of a job gets, as plain values that travel to the executors: the same choices as
 * {@code ganimation batch} takes (expression, still or animation, the face), with the expression and
 * keyframes files carried as their text so that executors need no access to the driver's files. Equal
 * settings share loaded models on an executor.
 *
 * @param faces       {@code "all"} or a face number (1 = the largest)
 * @param stillFormat png, jpg or bmp; null for the photo's own (as {@code batch})
 * @param animate     gif or mp4 for an animation per photo; null for a still
 * @param ausJson     the text of the expression file, or null
 * @param ausName     the expression file's name (its messages name it), or null
 * @param keyframes   the text of the keyframes file, or null
 * @param keyframesName the keyframes file's name, or null
 * @param duration    seconds, or null for the default (2 s, or the keyframes' own)
 * @param size        longest side of an animation, or 0 for the photo's
 */
record RenderSettings(String faces, String stillFormat, String animate,
                      String preset, double intensity, String aus, String ausJson, String ausName,
                      String keyframes, String keyframesName, String from, Double duration, String easing, double fps, boolean pingPong,
                      int size, boolean faceOnly,
                      String model, String estimator, String device, boolean colorGuard) implements Serializable {

    /**
     * Refuses, in the words of {@code batch}, settings that no photo could be rendered with, before any
     * work starts: a still without an expression, an unknown animation format, a bad still format, a bad
     * expression or keyframes file, timeline settings out of range.
     */
    void check() throws IOException {
        FaceExpression target = hasExpression() ? target() : null;
        if (animate == null && target == null) {
            throw new IllegalArgumentException("give an expression (--preset, --aus or --aus-file)");
        }
        if (animate != null) {
            if (!animate.equals("gif") && !animate.equals("mp4")) {
                throw new IllegalArgumentException("--animate takes gif or mp4, got '" + animate + "'");
            }
            settings();
            Easing.parse(easing);
            if (keyframes != null) {
                timeline(target, AuVector::zero);
            } else {
                if (target == null) {
                    throw new IllegalArgumentException(
                            "give a target expression (--preset, --aus or --aus-file) or --keyframes");
                }
                start(AuVector::zero);
            }
        }
        ExpressionBatchJob.checkStillFormat(stillFormat);
    }

    boolean hasExpression() {
        return preset != null || aus != null || ausJson != null;
    }

    /** The output's extension for a photo of this name, as {@code batch} chooses it. */
    String outputExtension(String photoName) {
        return animate != null ? animate : ExpressionBatchJob.stillExtension(Path.of(photoName), stillFormat);
    }

    /** The target expression, as {@code batch} resolves its options. */
    FaceExpression target() throws IOException {
        if (ausJson == null) {
            return ExpressionSpec.resolve(preset, intensity, null, aus);
        }
        Path dir = Files.createTempDirectory("ganimation-expression");
        try {
            // under its own name: the messages about a bad file name it
            Path file = Files.writeString(dir.resolve(ausName), ausJson, StandardCharsets.UTF_8);
            // the file is read here once; what comes back holds its parsed contents
            return ExpressionSpec.resolve(preset, intensity, file, aus);
        } finally {
            deleteQuietly(dir.resolve(ausName));
            deleteQuietly(dir);
        }
    }

    /** The per-photo job on an editor and a face finder: the same object {@code batch} builds. */
    ExpressionBatchJob job(org.ganimationstudio.service.ExpressionEditor editor,
                           org.ganimationstudio.face.FaceFinder detector) throws IOException {
        FaceExpression target = hasExpression() ? target() : null;
        if (animate == null) {
            return ExpressionBatchJob.stills(editor, detector, faces, target, stillFormat);
        }
        return ExpressionBatchJob.animations(editor, detector, faces, new ExpressionBatchJob.Animation(
                AnimationFormat.of(Path.of("x." + animate)), current -> timeline(target, current), settings()));
    }

    /** A face's timeline, whose own expression {@code current} gives (as {@code batch --animate}). */
    Timeline timeline(FaceExpression target, Supplier<AuVector> current) throws IOException {
        if (keyframes != null) {
            Path dir = Files.createTempDirectory("ganimation-keyframes");
            try {
                Timeline t = Timeline.read(Files.writeString(dir.resolve(keyframesName), keyframes,
                        StandardCharsets.UTF_8), current);
                return duration == null ? t : t.scaledTo(duration);
            } finally {
                deleteQuietly(dir.resolve(keyframesName));
                deleteQuietly(dir);
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("give a target expression (--preset, --aus or --aus-file) or --keyframes");
        }
        AuVector start = start(current);
        return Timeline.between(start, target.target(current.get()), duration == null ? 2.0 : duration,
                Easing.parse(easing));
    }

    private AuVector start(Supplier<AuVector> current) {
        return switch (from) {
            case "current" -> current.get();
            case "neutral" -> AuVector.zero();
            default -> throw new IllegalArgumentException("--from takes current or neutral, got '" + from + "'");
        };
    }

    AnimationSettings settings() {
        return new AnimationSettings(fps, pingPong, size, faceOnly);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file of a few bytes
        }
    }
}
