package org.ganimationstudio.face;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.ganimationstudio.model.RgbImage;

/** Cuts a {@link FaceCrop} out of a photo at the model's input size. */
public final class FaceCropper {

    private FaceCropper() {
    }

    /** The crop as a {@code size} x {@code size} RGB picture; area-averaged when it shrinks the photo. */
    public static RgbImage extract(Photo photo, FaceCrop crop, int size) {
        return RgbImage.fromBufferedImage(extractBgr(photo, crop, size));
    }

    /** The crop as an 8-bit BGR picture. */
    public static BufferedImage extractBgr(Photo photo, FaceCrop crop, int size) {
        Rectangle region = crop.bounds(photo.width(), photo.height());
        if (region.isEmpty()) {
            throw new IllegalArgumentException("the face crop lies outside the photo");
        }
        // Warp at an integer multiple of the output size, then area-average down: no aliasing on big photos.
        int factor = (int) Math.max(1, Math.min(8, Math.floor(crop.side() / size)));
        int warpSize = size * factor;
        AffineTransform toCrop = crop.photoToCrop(warpSize);
        toCrop.translate(region.x, region.y); // the Mat starts at the region's corner
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        try (Mat src = BgrMats.copyOf(photo.image(), region);
             Mat m = AffineMats.of(toCrop);
             Mat warped = new Mat();
             Mat small = new Mat()) {
            // BORDER_REPLICATE: a face at the photo's edge gets edge pixels, not black, outside the photo.
            warpAffine(src, warped, m, new Size(warpSize, warpSize), INTER_LINEAR, BORDER_REPLICATE, new Scalar());
            Mat result = warped;
            if (factor > 1) {
                resize(warped, small, new Size(size, size), 0, 0, INTER_AREA);
                result = small;
            }
            byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            result.data().get(dst);
        }
        return out;
    }
}
