package org.ganimationstudio.model;

import org.ganimationstudio.model.GeneratorDesign.GeneratorOutput;

/** The range promise of a generator's decoded outputs: finite, C and A within [0, 1]. */
final class OutputRange {

    /** Slack for rounding in the network's last layers. */
    private static final float SLACK = 1e-3f;

    private OutputRange() {
    }

    /** What is wrong with {@code out} in plain words, or null when nothing is. */
    static String problem(GeneratorOutput out) {
        String c = problem("colour", out.color());
        return c != null ? c : problem("attention", out.attention());
    }

    private static String problem(String what, float[] v) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return "its " + what + " mask holds values that are not numbers (NaN or infinite)";
            }
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (min < -SLACK || max > 1 + SLACK) {
            return String.format(java.util.Locale.ROOT, "its %s mask runs from %.3g to %.3g, outside [0, 1]",
                    what, min, max);
        }
        return null;
    }

    /**
     * Clamps both masks into [0, 1] in place.
     *
     * @return whether a value was beyond the rounding slack
     * @throws IllegalStateException when a value is not finite: no picture can be made of it
     */
    static boolean clamp(GeneratorOutput out) {
        boolean far = clamp("colour", out.color());
        return clamp("attention", out.attention()) || far;
    }

    private static boolean clamp(String what, float[] v) {
        boolean far = false;
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            if (!Float.isFinite(x)) {
                throw new IllegalStateException("the generator's " + what + " mask holds values that are not numbers");
            }
            if (x < 0f || x > 1f) {
                far |= x < -SLACK || x > 1 + SLACK;
                v[i] = Math.max(0f, Math.min(1f, x));
            }
        }
        return far;
    }
}
