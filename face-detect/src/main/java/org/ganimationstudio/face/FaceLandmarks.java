package org.ganimationstudio.face;

import java.awt.geom.AffineTransform;
import java.util.Arrays;

/**
 * A face's 68 landmarks in photo pixels, in dlib's order: jaw 0–16 (from the subject's right ear to the
 * left), brows 17–26, nose 27–35, eyes 36–47 (the subject's right eye first), mouth 48–67.
 */
public final class FaceLandmarks {

    public static final int COUNT = 68;

    private final double[] xy;

    private FaceLandmarks(double[] xy) {
        this.xy = xy;
    }

    /** {@code xy} holds x0, y0, x1, y1, … for the 68 points. */
    public static FaceLandmarks of(double[] xy) {
        if (xy.length != 2 * COUNT) {
            throw new IllegalArgumentException("68 landmarks take 136 values, got " + xy.length);
        }
        for (double v : xy) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a landmark is not a finite number");
            }
        }
        return new FaceLandmarks(xy.clone());
    }

    public double x(int i) {
        return xy[2 * i];
    }

    public double y(int i) {
        return xy[2 * i + 1];
    }

    /** The points moved by {@code t} (to another scale of the photo, or into a crop). */
    public FaceLandmarks transformed(AffineTransform t) {
        double[] out = new double[xy.length];
        t.transform(xy, 0, out, 0, COUNT);
        return new FaceLandmarks(out);
    }

    /** Mean of points {@code from} to {@code to} (inclusive), as {x, y}. */
    public double[] centre(int from, int to) {
        double sx = 0;
        double sy = 0;
        for (int i = from; i <= to; i++) {
            sx += x(i);
            sy += y(i);
        }
        int n = to - from + 1;
        return new double[] {sx / n, sy / n};
    }

    /** Centre of the eye on the left of the picture (the subject's right eye). */
    public double[] leftEyeInPicture() {
        return centre(36, 41);
    }

    public double[] rightEyeInPicture() {
        return centre(42, 47);
    }

    /** Midpoint of the mouth's corners. */
    public double[] mouth() {
        return new double[] {(x(48) + x(54)) / 2, (y(48) + y(54)) / 2};
    }

    /** Head roll from the eye line, in degrees (positive: the right side of the picture is lower). */
    public double rollDegrees() {
        double[] l = leftEyeInPicture();
        double[] r = rightEyeInPicture();
        return Math.toDegrees(Math.atan2(r[1] - l[1], r[0] - l[0]));
    }

    /**
     * The face's outline as a closed polygon {x0, y0, x1, y1, …}: the jaw from ear to ear, then back over the
     * forehead. The jaw is pushed out from the nose by {@code jawMargin} of its distance, so a chin that an
     * edit drops still lies inside; the 68 points stop at the brows, so the forehead is the brows lifted by
     * {@code foreheadLift} of the eye-to-chin distance. Hair and background beyond it stay out.
     */
    public double[] outline(double foreheadLift, double jawMargin) {
        double[] eyes = centre(36, 47);
        double upX = eyes[0] - x(8);
        double upY = eyes[1] - y(8);
        double noseX = x(30);
        double noseY = y(30);
        double[] out = new double[2 * (17 + 10)];
        int k = 0;
        for (int i = 0; i <= 16; i++) {
            out[k++] = x(i) + jawMargin * (x(i) - noseX);
            out[k++] = y(i) + jawMargin * (y(i) - noseY);
        }
        for (int i = 26; i >= 17; i--) { // the brows from the jaw's end back to its start
            out[k++] = x(i) + foreheadLift * upX;
            out[k++] = y(i) + foreheadLift * upY;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceLandmarks l && Arrays.equals(xy, l.xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "FaceLandmarks" + Arrays.toString(Arrays.copyOf(xy, 6)) + "…";
    }
}
