package org.ganimationstudio.face;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A decoded photo, upright (EXIF orientation applied), as 8-bit BGR pixels
 * ({@link BufferedImage#TYPE_3BYTE_BGR}), the layout OpenCV works in.
 *
 * @param image           the pixels
 * @param source          the file it was read from (null for in-memory photos)
 * @param exifOrientation the EXIF orientation tag that was applied (1 = none)
 */
public record Photo(BufferedImage image, Path source, int exifOrientation) {

    public Photo {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("a Photo holds TYPE_3BYTE_BGR pixels");
        }
    }

    /** Any picture as an upright BGR photo. */
    public static Photo of(BufferedImage image) {
        return new Photo(PhotoReader.toBgr(image), null, 1);
    }

    /**
     * This photo at most {@code maxSide} pixels on its long side (itself when already that small),
     * area-averaged like the detector's and the cropper's own downscaling.
     */
    public Photo scaledTo(int maxSide) {
        int longSide = Math.max(width(), height());
        if (maxSide <= 0 || longSide <= maxSide) {
            return this;
        }
        double s = (double) maxSide / longSide;
        int w = Math.max(1, (int) Math.round(width() * s));
        int h = Math.max(1, (int) Math.round(height() * s));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        try (Mat src = BgrMats.copyOf(image); Mat small = new Mat()) {
            resize(src, small, new Size(w, h), 0, 0, INTER_AREA);
            small.data().get(BgrMats.bytes(out));
        }
        return new Photo(out, source, exifOrientation);
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
