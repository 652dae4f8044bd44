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

    @Option(names = "--keyframes", paramLabel = "JSON",
            description = "A timeline: {\"keyframes\": [{\"time\": 0, \"base\": \"current\"}, "
                    + "{\"time\": 1.5, \"preset\": \"happiness\", \"easing\": \"ease-in-out\"}, ...]}.")
    Path keyframes;

    @Option(names = "--from", paramLabel = "current|neutral", defaultValue = "current",
            description = "Start expression without --keyframes: the face's own AUs as the AU estimator reads "
                    + "them, or all AUs at 0 (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Length of the animation (default: 2 s, or the keyframes' own).")
    Double duration;

    @Option(names = "--easing", paramLabel = "NAME", defaultValue = "ease-in-out",
            description = "linear, ease-in, ease-out, ease-in-out or hold (default: ${DEFAULT-VALUE}).")
    String easing;

    @Option(names = "--fps", defaultValue = "20", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--ping-pong", description = "Play forward, then back: a seamless loop.")
    boolean pingPong;

    @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "0",
            description = "Longest side of the output (default: the photo's, up to 1920).")
    int size;

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
        AuVector start = switch (from) {
            case "current" -> current.get();
            case "neutral" -> AuVector.zero();
            default -> throw new IllegalArgumentException("--from takes current or neutral, got '" + from + "'");
        };
        return Timeline.between(start, target.target(current.get()), duration == null ? 2.0 : duration,
                Easing.parse(easing));
    }

    AnimationSettings settings() {
        return new AnimationSettings(fps, pingPong, size, faceOnly);
    }
}
