package org.ganimationstudio.face;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.ganimationstudio.model.RgbImage;
import org.ganimationstudio.model.Rendering;

/**
 * Puts an edited face back into its photo at the photo's own resolution.
 *
 * <p>The edit is {@code (1−A)·(C − I)}: what the model adds to the crop it was given. Its two parts
 * are upsampled separately into the photo (the change C − I, and the weight (1−A) times a feathered
 * square), and added to the full-resolution pixels:
 * {@code out = photo + F·up(1−A)·up(C − I)}, where F is the feathered square times, for a face with
 * landmarks, its feathered outline ({@link FaceMask}). Where the model keeps the input (A = 1) or outside
 * F, the weight is 0 and the photo's pixels are left exactly as they were, with
 * their full sharpness; an edit that changes nothing (C = I) changes nothing in the photo.
 */
public final class FacePaster {

    private FacePaster() {
    }

    /**
     * A copy of {@code photo} with one face replaced.
     *
     * @param crop   where the face was cut from
     * @param input  the crop that was given to the model
     * @param edit   the model's output for that crop
     */
    public static Photo paste(Photo photo, FaceCrop crop, RgbImage input, Rendering edit) {
        BufferedImage out = copy(photo.image());
        pasteInto(out, crop, input, edit, CropGeometry.standard().featherFraction());
        return new Photo(out, photo.source(), photo.exifOrientation());
    }

    /**
     * A copy of {@code photo} with one face changed from {@code before} to {@code after}: the generator's
     * renders of the same crop at the face's own expression and at the target. Only their difference reaches
     * the photo, so what the generator gets wrong at both (its colours, its blur) cancels, and a face asked
     * for its own expression is left bit-identical. The difference passes {@link ColorGuard} when
     * {@code guardColor}, and is pasted through a soft mask of where pixels changed.
     *
     * @param input the crop given to the model
     */
    public static Photo pasteChange(Photo photo, FaceCrop crop, RgbImage input, RgbImage before, RgbImage after,
                                    boolean guardColor) {
        RgbImage edited = editedCrop(input, before, after, guardColor);
        return edited == input ? photo : pasteCrop(photo, crop, input, edited);
    }

    /**
     * The crop as the edit leaves it: {@code input + (after − before)}, through {@link ColorGuard} when
     * {@code guardColor}; {@code input} itself when the two renders are the same.
     */
    public static RgbImage editedCrop(RgbImage input, RgbImage before, RgbImage after, boolean guardColor) {
        int size = input.width();
        float[] in = input.toPlanes();
        float[] b = before.toPlanes();
        float[] a = after.toPlanes();
        float[] edited = new float[in.length];
        boolean changed = false;
        for (int k = 0; k < edited.length; k++) {
            float d = a[k] - b[k];
            changed |= d != 0f;
            edited[k] = Math.max(0f, Math.min(1f, in[k] + d));
        }
        if (!changed) {
            return input;
        }
        return RgbImage.ofPlanes(size, size, guardColor ? ColorGuard.apply(in, edited, size) : edited);
    }

    /**
     * A copy of {@code photo} with the face crop {@code input} replaced by {@code edited} where they differ, at
     * the photo's full resolution, through a soft mask of where pixels changed.
     */
    public static Photo pasteCrop(Photo photo, FaceCrop crop, RgbImage input, RgbImage edited) {
        int size = input.width();
        int plane = size * size;
        float[] in = input.toPlanes();
        float[] ed = edited.toPlanes();
        float[] change = new float[3 * plane]; // interleaved BGR, in 0..255 units
        float[] magnitude = new float[plane];
        for (int i = 0; i < plane; i++) {
            float m = 0f;
            for (int ch = 0; ch < 3; ch++) {
                float d = ed[ch * plane + i] - in[ch * plane + i];
                change[3 * i + (2 - ch)] = 255f * d;
                m = Math.max(m, Math.abs(d));
            }
            magnitude[i] = 255f * m;
        }
        // Where the change is below half a grey level it would not survive rounding anyway: leave those pixels
        // alone, and fade in over the next two levels so the edit has no hard edge.
        float[] soft = ColorGuard.blur(magnitude, size, 1.0);
        float[] weight = new float[plane];
        double feather = Math.max(1e-6, CropGeometry.standard().featherFraction() * size);
        float[] face = FaceMask.inCrop(crop, size, CropGeometry.standard());
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                double edge = Math.min(Math.min(x + 0.5, y + 0.5), Math.min(size - x - 0.5, size - y - 0.5));
                weight[i] = (float) Math.min(1.0, edge / feather) * ColorGuard.smoothstep(soft[i], 0.5f, 2.5f)
                        * (face == null ? 1f : face[i]);
            }
        }
        BufferedImage out = copy(photo.image());
        addInto(out, crop, size, change, weight);
        return new Photo(out, photo.source(), photo.exifOrientation());
    }

    static void pasteInto(BufferedImage photo, FaceCrop crop, RgbImage input, Rendering edit, double featherFraction) {
        int size = input.width();
        float[] in = input.toPlanes();
        float[] c = edit.color().toPlanes();
        float[] a = edit.attention().toArray();
        int plane = size * size;
        float[] change = new float[3 * plane]; // interleaved BGR, in 0..255 units
        float[] weight = new float[plane];
        double feather = Math.max(1e-6, featherFraction * size);
        float[] face = FaceMask.inCrop(crop, size, CropGeometry.standard());
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                for (int ch = 0; ch < 3; ch++) {
                    change[3 * i + (2 - ch)] = 255f * (c[ch * plane + i] - in[ch * plane + i]);
                }
                double edge = Math.min(Math.min(x + 0.5, y + 0.5), Math.min(size - x - 0.5, size - y - 0.5));
                weight[i] = (float) (Math.min(1.0, edge / feather) * (1 - a[i]) * (face == null ? 1f : face[i]));
            }
        }
        addInto(photo, crop, size, change, weight);
    }

    /**
     * {@code photo += up(weight) · up(change)} over the crop's region, where {@code change} (interleaved BGR,
     * 0..255 units) and {@code weight} are crop-sized and "up" maps them to the photo's pixels. Pixels
     * whose weight is 0 are not touched.
     */
    private static void addInto(BufferedImage photo, FaceCrop crop, int size, float[] change, float[] weight) {
        Rectangle region = crop.bounds(photo.getWidth(), photo.getHeight());
        if (region.isEmpty()) {
            return;
        }
        // region pixel -> crop pixel (WARP_INVERSE_MAP: the matrix maps destination to source)
        AffineTransform toCrop = crop.photoToCrop(size);
        toCrop.translate(region.x, region.y);
        float[] upChange = new float[3 * region.width * region.height];
        float[] upWeight = new float[region.width * region.height];
        try (Mat m = AffineMats.of(toCrop);
             Mat changeMat = new Mat(size, size, CV_32FC3);
             Mat weightMat = new Mat(size, size, CV_32FC1);
             Mat upC = new Mat();
             Mat upW = new Mat()) {
            ((FloatBuffer) changeMat.createBuffer()).put(change);
            ((FloatBuffer) weightMat.createBuffer()).put(weight);
            Size target = new Size(region.width, region.height);
            warpAffine(changeMat, upC, m, target, INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT, new Scalar());
            warpAffine(weightMat, upW, m, target, INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT, new Scalar());
            ((FloatBuffer) upC.createBuffer()).get(upChange);
            ((FloatBuffer) upW.createBuffer()).get(upWeight);
        }
        byte[] px = BgrMats.bytes(photo);
        int w = photo.getWidth();
        for (int y = 0; y < region.height; y++) {
            for (int x = 0; x < region.width; x++) {
                int r = y * region.width + x;
                float wgt = upWeight[r];
                if (wgt <= 0f) {
                    continue; // outside the blend: bit-identical
                }
                int p = 3 * ((region.y + y) * w + region.x + x);
                for (int ch = 0; ch < 3; ch++) {
                    int v = Math.round((px[p + ch] & 0xff) + wgt * upChange[3 * r + ch]);
                    px[p + ch] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
    }

    static BufferedImage copy(BufferedImage bgr) {
        BufferedImage out = new BufferedImage(bgr.getWidth(), bgr.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        System.arraycopy(BgrMats.bytes(bgr), 0, BgrMats.bytes(out), 0, BgrMats.bytes(bgr).length);
        return out;
    }
}
