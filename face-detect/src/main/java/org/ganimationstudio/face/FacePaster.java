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
 * {@code out = photo + F·up(1−A)·up(C − I)}. Where the model keeps the input (A = 1) or outside
 * the feathered crop, the weight is 0 and the photo's pixels are left exactly as they were, with
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

    static void pasteInto(BufferedImage photo, FaceCrop crop, RgbImage input, Rendering edit, double featherFraction) {
        int size = input.width();
        Rectangle region = crop.bounds(photo.getWidth(), photo.getHeight());
        if (region.isEmpty()) {
            return;
        }
        float[] in = input.toPlanes();
        float[] c = edit.color().toPlanes();
        float[] a = edit.attention().toArray();
        int plane = size * size;
        float[] change = new float[3 * plane]; // interleaved BGR, in 0..255 units
        float[] weight = new float[plane];
        double feather = Math.max(1e-6, featherFraction * size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                for (int ch = 0; ch < 3; ch++) {
                    change[3 * i + (2 - ch)] = 255f * (c[ch * plane + i] - in[ch * plane + i]);
                }
                double edge = Math.min(Math.min(x + 0.5, y + 0.5), Math.min(size - x - 0.5, size - y - 0.5));
                weight[i] = (float) (Math.min(1.0, edge / feather) * (1 - a[i]));
            }
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
