package org.ganimationstudio.face;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.ganimationstudio.model.RgbImage;

/** Copies between BGR BufferedImages and OpenCV Mats (the caller closes the Mat). */
final class BgrMats {

    private BgrMats() {
    }

    static byte[] bytes(BufferedImage bgr) {
        return ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    }

    /** A CV_8UC3 Mat holding a copy of {@code region} of the photo. */
    static Mat copyOf(BufferedImage bgr, Rectangle region) {
        byte[] src = bytes(bgr);
        int w = bgr.getWidth();
        Mat mat = new Mat(region.height, region.width, CV_8UC3);
        BytePointer data = mat.data();
        long step = mat.step();
        for (int y = 0; y < region.height; y++) {
            data.position(y * step).put(src, 3 * ((region.y + y) * w + region.x), 3 * region.width);
        }
        data.position(0);
        return mat;
    }

    /** A CV_8UC3 BGR Mat as RGB planes, values / 255. */
    static RgbImage toRgb(Mat bgr) {
        int w = bgr.cols();
        int h = bgr.rows();
        byte[] px = new byte[3 * w * h];
        try (Mat c = bgr.isContinuous() ? null : bgr.clone()) {
            (c == null ? bgr : c).data().get(px);
        }
        int plane = w * h;
        float[] p = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            p[i] = (px[3 * i + 2] & 0xff) / 255f;
            p[plane + i] = (px[3 * i + 1] & 0xff) / 255f;
            p[2 * plane + i] = (px[3 * i] & 0xff) / 255f;
        }
        return RgbImage.ofPlanes(w, h, p);
    }

    static Mat copyOf(BufferedImage bgr) {
        return copyOf(bgr, new Rectangle(0, 0, bgr.getWidth(), bgr.getHeight()));
    }
}
