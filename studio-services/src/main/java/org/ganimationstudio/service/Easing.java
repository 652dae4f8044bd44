package org.ganimationstudio.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a timeline moves between two keyframes: maps the linear position t in [0, 1] to the blend in [0, 1]. */
public enum Easing {
    LINEAR("linear"),
    EASE_IN("ease-in"),
    EASE_OUT("ease-out"),
    EASE_IN_OUT("ease-in-out"),
    /** Holds the previous keyframe, then jumps at the end of the segment. */
    HOLD("hold");

    private final String id;

    Easing(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public double apply(double t) {
        double x = Math.min(1.0, Math.max(0.0, t));
        return switch (this) {
            case LINEAR -> x;
            case EASE_IN -> x * x * x;
            case EASE_OUT -> 1 - Math.pow(1 - x, 3);
            case EASE_IN_OUT -> x < 0.5 ? 4 * x * x * x : 1 - Math.pow(-2 * x + 2, 3) / 2;
            case HOLD -> x < 1 ? 0 : 1;
        };
    }

    public static Easing parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Easing e : values()) {
            if (e.id.equals(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown easing '" + text + "'; use one of "
                + Arrays.stream(values()).map(Easing::id).collect(Collectors.joining(", ")));
    }
}
