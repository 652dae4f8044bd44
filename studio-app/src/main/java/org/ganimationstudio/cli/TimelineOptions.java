package org.ganimationstudio.cli;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.service.AnimationSettings;
import org.ganimationstudio.service.Easing;
import org.ganimationstudio.service.FaceExpression;
import org.ganimationstudio.service.Timeline;
import picocli.CommandLine.Option;

/** How an animation runs: from the face's current (or neutral) expression to a target, or a keyframes file. */
final class TimelineOptions {

    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "keyframes file")
    @Option(names = "--keyframes", paramLabel = "JSON",
            description = "A timeline: {\"keyframes\": [{\"time\": 0, \"base\": \"current\"}, "
                    + "{\"time\": 1.5, \"preset\": \"happiness\", \"easing\": \"ease-in-out\"}, ...]}.")
    Path keyframes;

    @Option(names = "--from", paramLabel = "current|neutral", defaultValue = "current",
            description = "Start expression without --keyframes: the face's own AUs as the AU estimator reads "
                    + "them, or all AUs at 0 (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Length of the animation, more than 0 and at most 600 s (default: 2 s, or the keyframes' own).")
    @Range(min = 0, aboveMin = true, max = Timeline.MAX_SECONDS, unit = "s")
    Double duration;

    @Option(names = "--easing", paramLabel = "NAME", defaultValue = "ease-in-out",
            description = "linear, ease-in, ease-out, ease-in-out or hold (default: ${DEFAULT-VALUE}).")
    String easing;

    @Option(names = "--fps", defaultValue = "20",
            description = "Frames per second, more than 0 and at most 120 (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, aboveMin = true, max = 120)
    double fps;

    @Option(names = "--ping-pong", description = "Play forward, then back: a seamless loop.")
    boolean pingPong;

    @Option(names = "--size", paramLabel = "PIXELS",
            description = "Longest side of the output, 16 to 4096 pixels (default: the photo's, up to 1920).")
    @Range(min = 16, max = 4096, unit = "pixels")
    Integer size;

    @Option(names = "--face-only", description = "Animate the aligned face crop instead of the whole photo.")
    boolean faceOnly;

    /** The timeline of a face whose own expression {@code current} gives. */
    Timeline timeline(FaceExpression target, Supplier<AuVector> current) throws java.io.IOException {
        if (keyframes != null) {
            Timeline t = Timeline.read(keyframes, current);
            return duration == null ? t : t.scaledTo(duration);
        }
        if (target == null) {
            throw new IllegalArgumentException("give a target expression (--preset, --aus or --aus-file) or --keyframes");
        }
        AuVector start = start(current);
        return Timeline.between(start, target.target(current.get()), duration == null ? 2.0 : duration,
                Easing.parse(easing));
    }

    /**
     * Checks everything about the animation that needs no photo and no model: the start, the easing, the
     * settings and the keyframes file (read once here with a stand-in for the face's own expression).
     */
    void check(FaceExpression target) throws java.io.IOException {
        settings();
        Easing.parse(easing);
        if (keyframes != null) {
            timeline(target, AuVector::zero);
        } else {
            if (target == null) {
                throw new IllegalArgumentException("give a target expression (--preset, --aus or --aus-file) or --keyframes");
            }
            start(AuVector::zero);
        }
    }

    private AuVector start(Supplier<AuVector> current) {
        return switch (from) {
            case "current" -> current.get();
            case "neutral" -> AuVector.zero();
            default -> throw new IllegalArgumentException("--from takes current or neutral, got '" + from + "'");
        };
    }

    AnimationSettings settings() {
        return new AnimationSettings(fps, pingPong, size == null ? 0 : size, faceOnly);
    }
}
