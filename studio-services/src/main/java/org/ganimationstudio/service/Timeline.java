package org.ganimationstudio.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.JsonInput;

/**
 * An expression over time: keyframes at increasing times, eased between. Sampled into the AU vectors of
 * an animation's frames, so the renderer never sees time.
 */
public final class Timeline {

    /** Longest animation accepted (a guard against a typo asking for hours of frames). */
    public static final double MAX_SECONDS = 600;

    /** Most keyframes a timeline may have (one per frame of the longest animation at 120 fps is far below it). */
    public static final int MAX_KEYFRAMES = 10_000;

    /** The keys of a keyframe besides those of an expression. */
    private static final List<String> KEYFRAME_KEYS = List.of("time", "base", "easing");

    private final List<Keyframe> keys;

    public Timeline(List<Keyframe> keyframes) {
        if (keyframes.size() < 2) {
            throw new IllegalArgumentException("a timeline needs at least two keyframes, got " + keyframes.size());
        }
        for (int i = 1; i < keyframes.size(); i++) {
            if (keyframes.get(i).time() <= keyframes.get(i - 1).time()) {
                throw new IllegalArgumentException("keyframe times must increase: keyframe " + (i + 1) + " is at "
                        + keyframes.get(i).time() + " s, after " + keyframes.get(i - 1).time() + " s");
            }
        }
        if (keyframes.get(0).time() != 0) {
            throw new IllegalArgumentException("the first keyframe must be at time 0, got " + keyframes.get(0).time());
        }
        if (keyframes.get(keyframes.size() - 1).time() > MAX_SECONDS) {
            throw new IllegalArgumentException("a timeline may last at most " + (int) MAX_SECONDS + " s");
        }
        this.keys = List.copyOf(keyframes);
    }

    /** From one expression to another over {@code seconds}. */
    public static Timeline between(AuVector from, AuVector to, double seconds, Easing easing) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("the duration must be more than 0 s, got " + seconds);
        }
        return new Timeline(List.of(new Keyframe(0, from, Easing.LINEAR), new Keyframe(seconds, to, easing)));
    }

    /**
     * Reads a keyframes file:
     * <pre>{"keyframes": [
     *   {"time": 0, "base": "current"},
     *   {"time": 1.5, "preset": "happiness", "intensity": 0.8, "easing": "ease-in-out"},
     *   {"time": 3, "AU25": 1, "AU26": 0.8}]}</pre>
     * Each keyframe is an expression (see {@link ExpressionSpec#fromJson}) over a base: {@code "neutral"}
     * (all AUs 0, the default) or {@code "current"} (the face's own AUs, asked of {@code current} only
     * when a keyframe uses them, and once; null when they cannot be had).
     */
    public static Timeline read(Path file, Supplier<AuVector> current) throws IOException {
        return fromJson(ExpressionSpec.readJson(file, "keyframes file"), current, file.getFileName().toString());
    }

    static Timeline fromJson(JsonNode root, Supplier<AuVector> current, String where) {
        AuVector[] currentAus = new AuVector[1];
        JsonNode list = root == null ? null : root.get("keyframes");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(where + ": expected {\"keyframes\": [{\"time\": 0, ...}, ...]}");
        }
        JsonInput.checkKeys(root, where, List.of("keyframes"));
        if (list.size() > MAX_KEYFRAMES) {
            throw new IllegalArgumentException(where + ": a timeline has at most " + MAX_KEYFRAMES + " keyframes, got "
                    + list.size());
        }
        List<Keyframe> keys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode k = list.get(i);
            String at = where + ", keyframe " + (i + 1);
            if (!k.isObject() || !k.has("time")) {
                throw new IllegalArgumentException(at + ": each keyframe needs a \"time\" in seconds");
            }
            String base = JsonInput.text(k, "base", at, "neutral");
            AuVector start = switch (base) {
                case "neutral" -> AuVector.zero();
                case "current" -> {
                    if (current == null) {
                        throw new IllegalArgumentException(at + ": base \"current\" needs the face's AUs read by the AU estimator");
                    }
                    if (currentAus[0] == null) {
                        currentAus[0] = current.get();
                    }
                    yield currentAus[0];
                }
                default -> throw new IllegalArgumentException(at + ": base must be \"neutral\" or \"current\", got \"" + base + "\"");
            };
            String easingName = JsonInput.text(k, "easing", at, null);
            try {
                Easing easing = easingName == null ? Easing.EASE_IN_OUT : Easing.parse(easingName);
                keys.add(new Keyframe(ExpressionSpec.number(k.get("time"), "time", at),
                        ExpressionSpec.fromJson(k, start, at, KEYFRAME_KEYS), easing));
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(at + ": " + e.getMessage(), e);
            }
        }
        try {
            return new Timeline(keys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    public List<Keyframe> keyframes() {
        return keys;
    }

    public double duration() {
        return keys.get(keys.size() - 1).time();
    }

    /** The same keyframes stretched or squeezed to last {@code seconds}. */
    public Timeline scaledTo(double seconds) {
        if (!(seconds > 0) || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("the duration must be within (0, " + (int) MAX_SECONDS + "] s, got " + seconds);
        }
        double f = seconds / duration();
        return new Timeline(keys.stream().map(k -> new Keyframe(k.time() * f, k.aus(), k.easing())).toList());
    }

    /** The expression at {@code seconds} (clamped to the timeline). */
    public AuVector at(double seconds) {
        if (seconds <= 0) {
            return keys.get(0).aus();
        }
        for (int i = 1; i < keys.size(); i++) {
            Keyframe b = keys.get(i);
            if (seconds <= b.time()) {
                Keyframe a = keys.get(i - 1);
                double t = (seconds - a.time()) / (b.time() - a.time());
                return a.aus().interpolate(b.aus(), b.easing().apply(t));
            }
        }
        return keys.get(keys.size() - 1).aus();
    }

    /** Number of frames sampled at {@code fps}: one per 1/fps second, at least 2. */
    public int frameCount(double fps) {
        return (int) Math.max(2, Math.round(duration() * fps));
    }

    /**
     * The frames' expressions: {@link #frameCount} samples from the first keyframe to the last, both exact.
     * Ping-pong appends the way back without repeating the ends, so a looping animation has no stutter.
     */
    public List<AuVector> frames(double fps, boolean pingPong) {
        if (!(fps > 0 && fps <= 120)) {
            throw new IllegalArgumentException("fps must be within (0, 120], got " + fps);
        }
        int n = frameCount(fps);
        List<AuVector> out = new ArrayList<>(pingPong ? 2 * n - 2 : n);
        for (int i = 0; i < n; i++) {
            out.add(at(duration() * i / (n - 1)));
        }
        if (pingPong) {
            for (int i = n - 2; i >= 1; i--) {
                out.add(out.get(i));
            }
        }
        return out;
    }
}
