package org.ganimationstudio.face;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_Lab2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2Lab;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Keeps an edited face in the photo's own colours: removes the low-frequency chroma (CIELAB a*, b*) that an
 * edit adds, as face-swap tools match the frame's colour at merge time, except where the edit also changes
 * brightness a lot, which is where it shows something new (teeth, the mouth's inside, a closed lid).
 *
 * <p>An expression moves skin and its shading; it does not tint it. A chroma shift without a matching
 * change of lightness is the generator's colour cast (magenta lips, milky or dark patches), so it goes.
 */
public final class ColorGuard {

    /** Scale of "low frequency", as a fraction of the crop's side. */
    static final double SIGMA_FRACTION = 0.035;
    /** |ΔL*| (low-pass) from which an edit is taken to show new surfaces, and where that is certain. */
    static final float NEW_SURFACE_FROM = 4f;
    static final float NEW_SURFACE_FULL = 14f;

    private ColorGuard() {
    }

    /**
     * {@code edited} with the chroma it drifted from {@code input} removed where its lightness held.
     * Both are planar RGB in [0, 1], {@code size × size}; the result is too.
     */
    public static float[] apply(float[] input, float[] edited, int size) {
        int plane = size * size;
        float[] labIn = lab(input, size);
        float[] labEd = lab(edited, size);
        float[] dL = new float[plane];
        float[] da = new float[plane];
        float[] db = new float[plane];
        for (int i = 0; i < plane; i++) {
            dL[i] = labEd[3 * i] - labIn[3 * i];
            da[i] = labEd[3 * i + 1] - labIn[3 * i + 1];
            db[i] = labEd[3 * i + 2] - labIn[3 * i + 2];
        }
        double sigma = Math.max(0.8, SIGMA_FRACTION * size);
        float[] lowL = blur(dL, size, sigma);
        float[] lowA = blur(da, size, sigma);
        float[] lowB = blur(db, size, sigma);
        for (int i = 0; i < plane; i++) {
            float cast = 1f - smoothstep(Math.abs(lowL[i]), NEW_SURFACE_FROM, NEW_SURFACE_FULL);
            labEd[3 * i + 1] -= cast * lowA[i];
            labEd[3 * i + 2] -= cast * lowB[i];
        }
        return rgb(labEd, size);
    }

    static float smoothstep(float v, float from, float to) {
        float t = Math.max(0f, Math.min(1f, (v - from) / (to - from)));
        return t * t * (3 - 2 * t);
    }

    /** Planar RGB in [0, 1] to interleaved L*a*b* (L 0..100). */
    static float[] lab(float[] planes, int size) {
        int plane = size * size;
        float[] rgb = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                rgb[3 * i + c] = Math.max(0f, Math.min(1f, planes[c * plane + i]));
            }
        }
        return convert(rgb, size, COLOR_RGB2Lab);
    }

    /** Interleaved L*a*b* to planar RGB in [0, 1]. */
    static float[] rgb(float[] lab, int size) {
        int plane = size * size;
        float[] rgb = convert(lab, size, COLOR_Lab2RGB);
        float[] planes = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                planes[c * plane + i] = Math.max(0f, Math.min(1f, rgb[3 * i + c]));
            }
        }
        return planes;
    }

    private static float[] convert(float[] interleaved, int size, int code) {
        float[] out = new float[interleaved.length];
        try (Mat src = new Mat(size, size, CV_32FC3); Mat dst = new Mat()) {
            ((FloatBuffer) src.createBuffer()).put(interleaved);
            cvtColor(src, dst, code);
            ((FloatBuffer) dst.createBuffer()).get(out);
        }
        return out;
    }

    /** A Gaussian low-pass of one {@code size × size} plane, edges reflected. */
    static float[] blur(float[] plane, int size, double sigma) {
        float[] out = new float[plane.length];
        try (Mat src = new Mat(size, size, CV_32FC1); Mat dst = new Mat(); Size k = new Size(0, 0)) {
            ((FloatBuffer) src.createBuffer()).put(plane);
            GaussianBlur(src, dst, k, sigma);
            ((FloatBuffer) dst.createBuffer()).get(out);
        }
        return out;
    }
}
