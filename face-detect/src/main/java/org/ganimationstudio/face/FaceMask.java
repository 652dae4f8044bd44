package org.ganimationstudio.face;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.DIST_L2;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.distanceTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Where in a model crop an edit may reach the photo: inside the face's outline from its landmarks, fading to
 * nothing at the outline over {@link CropGeometry#outlineFeatherFraction()} of the crop's side, so hair,
 * ears and background inside the crop's square keep their own pixels.
 */
public final class FaceMask {

    /** Recent masks: a studio session pastes the same face's crop on every slider move (up to 6 ms at 768 px). */
    private static final int CACHED = 16;
    private static final Map<Key, float[]> RECENT = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
            return size() > CACHED;
        }
    };

    private record Key(FaceCrop crop, int size, CropGeometry geometry) {
    }

    private FaceMask() {
    }

    /**
     * The mask of {@code crop} at {@code size} pixels (values 0–1, row by row; shared, not to be modified); null
     * when it has no landmarks.
     */
    public static float[] inCrop(FaceCrop crop, int size, CropGeometry geometry) {
        if (crop.landmarks() == null) {
            return null;
        }
        Key key = new Key(crop, size, geometry);
        synchronized (RECENT) {
            float[] known = RECENT.get(key);
            if (known != null) {
                return known;
            }
        }
        float[] mask = draw(crop, size, geometry);
        synchronized (RECENT) {
            RECENT.put(key, mask);
        }
        return mask;
    }

    private static float[] draw(FaceCrop crop, int size, CropGeometry geometry) {
        double[] outline = crop.landmarks().outline(geometry.foreheadLift(), geometry.jawMargin());
        double[] inCrop = new double[outline.length];
        crop.photoToCrop(size).transform(outline, 0, inCrop, 0, outline.length / 2);
        // fillPoly draws in whole pixels: draw at 4x with sub-pixel shift bits for a smooth edge
        int shift = 2;
        int n = inCrop.length / 2;
        int[] xy = new int[inCrop.length];
        for (int i = 0; i < inCrop.length; i++) {
            xy[i] = (int) Math.round((inCrop[i] - 0.5) * (1 << shift));
        }
        float[] out = new float[size * size];
        try (Mat inside = new Mat(size, size, CV_8UC1, new Scalar(0, 0, 0, 0));
             Mat distance = new Mat();
             Point points = new Point(n);
             IntPointer counts = new IntPointer(new int[] {n})) {
            for (int i = 0; i < n; i++) {
                points.position(i).x(xy[2 * i]).y(xy[2 * i + 1]);
            }
            points.position(0);
            fillPoly(inside, points, counts, 1, new Scalar(255, 255, 255, 255), LINE_AA, shift, new Point());
            // distance (in crop pixels) from each inside pixel to the nearest outside one
            distanceTransform(inside, distance, DIST_L2, 3);
            ((FloatBuffer) distance.createBuffer()).get(out);
        }
        float feather = (float) Math.max(1e-3, geometry.outlineFeatherFraction() * size);
        for (int i = 0; i < out.length; i++) {
            out[i] = ColorGuard.smoothstep(out[i], 0f, feather);
        }
        return out;
    }
}
