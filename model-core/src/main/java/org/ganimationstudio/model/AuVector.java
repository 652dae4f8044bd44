package org.ganimationstudio.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable vector of the 17 Action Unit intensities, each in [0, 1]
 * (OpenFace's 0-5 intensity divided by 5), in model input order.
 */
public final class AuVector {

    private static final ActionUnits AUS = ActionUnits.standard();
    private static final AuVector ZERO = new AuVector(new float[AUS.count()]);

    private final float[] values;

    private AuVector(float[] values) {
        this.values = values;
    }

    /** All AUs at 0: the neutral conditioning. */
    public static AuVector zero() {
        return ZERO;
    }

    /** A vector from 17 values in model order; rejects NaN and values outside [0, 1]. */
    public static AuVector of(float... values) {
        if (values.length != AUS.count()) {
            throw new IllegalArgumentException("an AU vector has " + AUS.count() + " values, got " + values.length);
        }
        float[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            check(AUS.all().get(i).code(), copy[i]);
        }
        return new AuVector(copy);
    }

    /** A vector from code/value pairs; AUs not named are 0. */
    public static AuVector of(Map<String, ? extends Number> values) {
        return ZERO.withAll(values);
    }

    /**
     * Parses {@code AU12=0.8,AU06=0.5} (codes as {@code AU12}, {@code au12} or {@code 12});
     * AUs not named are 0.
     */
    public static AuVector parse(String text) {
        return of(parseAssignments(text));
    }

    /** The AUs named in {@code AU12=0.8,AU06=0.5}, by canonical code, values validated. */
    public static Map<String, Float> parseAssignments(String text) {
        Map<String, Float> map = new LinkedHashMap<>();
        for (String part : text.trim().split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("expected CODE=VALUE such as AU12=0.8, got '" + part + "'");
            }
            String code = AUS.get(part.substring(0, eq)).code();
            float value;
            try {
                value = Float.parseFloat(part.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + part.substring(eq + 1) + "' is not a number (in '" + part + "')");
            }
            check(code, value);
            if (map.put(code, value) != null) {
                throw new IllegalArgumentException(code + " is given twice");
            }
        }
        return map;
    }

    private static void check(String code, float value) {
        if (Float.isNaN(value)) {
            throw new IllegalArgumentException(code + " is NaN; AU intensities must be numbers in [0, 1]");
        }
        if (value < 0f || value > 1f) {
            throw new IllegalArgumentException(code + " = " + value + " is outside [0, 1]"
                    + (value > 1f && value <= 5f ? " (OpenFace's 0-5 scale? divide by 5)" : ""));
        }
    }

    public float get(String code) {
        return values[AUS.get(code).index()];
    }

    public float get(int index) {
        return values[index];
    }

    /** A copy with one AU changed. */
    public AuVector with(String code, float value) {
        return withAll(Map.of(code, value));
    }

    /** A copy with the named AUs changed and the others kept. */
    public AuVector withAll(Map<String, ? extends Number> changes) {
        float[] v = values.clone();
        changes.forEach((code, value) -> {
            ActionUnit au = AUS.get(code);
            check(au.code(), value.floatValue());
            v[au.index()] = value.floatValue();
        });
        return new AuVector(v);
    }

    /** Linear interpolation: {@code t = 0} gives this vector, {@code t = 1} gives {@code target}. */
    public AuVector interpolate(AuVector target, double t) {
        if (Double.isNaN(t) || t < 0 || t > 1) {
            throw new IllegalArgumentException("interpolation position must be in [0, 1], got " + t);
        }
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) {
            // Clamp guards against float rounding just past the ends.
            v[i] = (float) Math.min(1.0, Math.max(0.0, values[i] + (target.values[i] - values[i]) * t));
        }
        return new AuVector(v);
    }

    /** Every value multiplied by {@code factor} in [0, 1]. */
    public AuVector scaled(double factor) {
        return ZERO.interpolate(this, factor);
    }

    public float[] toArray() {
        return values.clone();
    }

    /** Code to value, in model order. */
    public Map<String, Float> toMap() {
        Map<String, Float> map = new LinkedHashMap<>();
        List<ActionUnit> all = AUS.all();
        for (int i = 0; i < values.length; i++) {
            map.put(all.get(i).code(), values[i]);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuVector other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** Non-zero AUs as {@code AU06=0.80,AU12=1.00}, the format {@link #parse} reads. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        toMap().forEach((code, v) -> {
            if (v != 0f) {
                sb.append(sb.length() == 0 ? "" : ",").append(code).append('=').append(String.format(Locale.ROOT, "%.2f", v));
            }
        });
        return sb.length() == 0 ? "neutral" : sb.toString();
    }
}
