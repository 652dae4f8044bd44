package org.ganimationstudio.face;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

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

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
