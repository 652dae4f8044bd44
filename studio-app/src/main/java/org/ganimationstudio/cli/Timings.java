package org.ganimationstudio.cli;

import java.util.Arrays;
import java.util.List;

/** Measured durations in milliseconds and their order statistics, as the bench commands report them. */
final class Timings {

    private final double[] sorted;

    private Timings(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no timings");
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    static Timings of(double[] ms) {
        return new Timings(ms);
    }

    static Timings of(List<Double> ms) {
        return new Timings(ms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The p-th percentile (nearest rank). */
    double percentile(double p) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    double median() {
        return percentile(50);
    }

    double p95() {
        return percentile(95);
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    double mean() {
        return Arrays.stream(sorted).average().orElse(Double.NaN);
    }

    int count() {
        return sorted.length;
    }

    static double msSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
