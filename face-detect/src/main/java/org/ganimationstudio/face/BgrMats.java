package org.ganimationstudio.face;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

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

    static Mat copyOf(BufferedImage bgr) {
        return copyOf(bgr, new Rectangle(0, 0, bgr.getWidth(), bgr.getHeight()));
    }
}
