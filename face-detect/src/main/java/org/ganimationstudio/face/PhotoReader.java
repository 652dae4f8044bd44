package org.ganimationstudio.face;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.ganimationstudio.model.PathKind;

/**
 * Reads photos in every format ImageIO and the TwelveMonkeys plugins decode (JPEG incl. CMYK and
 * progressive, PNG 8/16-bit grey/colour/alpha/palette, BMP, GIF, TIFF, WebP), refuses
 * decompression bombs before decoding, applies the EXIF orientation and returns upright BGR pixels.
 */
public final class PhotoReader {

    /** Default refusal threshold: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** Decoder warnings that mean the pixel data is damaged or cut off (libjpeg's wording, and the like). */
    private static final java.util.regex.Pattern DAMAGE_WARNING = java.util.regex.Pattern.compile(
            "(?i)premature|corrupt|truncat|extraneous|huffman|invalid|unexpected end|bad ");

    /** Decoder warnings about the colour profile alone: the pixels are whole, only their colours are approximate. */
    private static final java.util.regex.Pattern PROFILE_WARNING = java.util.regex.Pattern.compile(
            "(?i)ICC|colou?r profile|iCCP");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PhotoReader.class);

    private final long maxPixels;

    public PhotoReader() {
        this(DEFAULT_MAX_PIXELS);
    }

    public PhotoReader(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    public Photo read(Path file) throws PhotoReadException {
        // a folder, a named pipe (whose read would block) or a device is named, never opened
        String problem = PathKind.notAReadableFile(file, "photo");
        if (problem != null) {
            throw new PhotoReadException(problem);
        }
        try {
            if (Files.size(file) == 0) {
                throw new PhotoReadException(file + " is empty");
            }
        } catch (IOException e) {
            throw new PhotoReadException(file + " cannot be read: " + e.getMessage(), e);
        }
        BufferedImage decoded = decode(file);
        int orientation = exifOrientation(file);
        return new Photo(orient(toBgr(decoded), orientation), file, orientation);
    }

    private BufferedImage decode(Path file) throws PhotoReadException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new PhotoReadException(file.getFileName() + " is not a picture in a supported format "
                        + "(JPEG, PNG, BMP, GIF, TIFF, WebP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new PhotoReadException(file.getFileName() + " declares an empty picture (" + w + "x" + h + ")");
                }
                if (w * h > maxPixels) {
                    throw new PhotoReadException(String.format(Locale.ROOT,
                            "%s is %dx%d pixels (%.0f megapixels), over the limit of %.0f megapixels",
                            file.getFileName(), w, h, w * h / 1e6, maxPixels / 1e6));
                }
                // Decoders fill what a damaged or cut-off file lacks with grey and only warn: refuse it
                // rather than edit half a photo. (Other warnings, such as a CMYK file without a
                // colour profile, are about colour accuracy and do not stop it.)
                List<String> warnings = new ArrayList<>();
                List<String> profileWarnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (PROFILE_WARNING.matcher(warning).find()) {
                        profileWarnings.add(warning);
                    } else if (DAMAGE_WARNING.matcher(warning).find()) {
                        warnings.add(warning);
                    }
                });
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new PhotoReadException(file.getFileName() + " holds no picture");
                }
                if (!warnings.isEmpty()) {
                    throw new PhotoReadException(file.getFileName() + " is damaged (" + warnings.get(0).strip()
                            + "); it was not opened");
                }
                if (!profileWarnings.isEmpty()) {
                    LOG.warn("{}: its colour profile is broken and was ignored; the colours are read as plain sRGB",
                            file.getFileName());
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (PhotoReadException e) {
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw new PhotoReadException(file.getFileName() + " could not be decoded (damaged or unsupported): "
                    + e.getMessage(), e);
        }
    }

    /** The EXIF orientation (1-8), 1 when absent or unreadable. */
    static int exifOrientation(Path file) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
            ExifIFD0Directory dir = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (dir != null && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int o = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return o >= 1 && o <= 8 ? o : 1;
            }
        } catch (Exception | StackOverflowError e) {
            // Metadata is optional: a photo with unreadable EXIF is shown as stored.
        }
        return 1;
    }

    /** Any BufferedImage as 8-bit BGR: grey scaled by its bit depth, alpha composited over white. */
    static BufferedImage toBgr(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        if (src.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // Java2D treats grey as linear and would brighten it; copy the stored values instead.
            byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            Raster r = src.getRaster();
            int bits = src.getColorModel().getComponentSize(0);
            double scale = 255.0 / ((1 << bits) - 1);
            boolean alpha = src.getColorModel().hasAlpha();
            double alphaScale = alpha ? 1.0 / ((1 << src.getColorModel().getComponentSize(1)) - 1) : 0;
            int[] row = new int[w];
            int[] alphaRow = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                if (alpha) {
                    r.getSamples(0, y, w, 1, 1, alphaRow);
                }
                for (int x = 0; x < w; x++) {
                    double v = row[x] * scale;
                    if (alpha) {
                        double a = alphaRow[x] * alphaScale;
                        v = v * a + 255 * (1 - a);
                    }
                    byte b = (byte) Math.round(v);
                    int k = 3 * (y * w + x);
                    dst[k] = b;
                    dst[k + 1] = b;
                    dst[k + 2] = b;
                }
            }
            return out;
        }
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Applies EXIF orientation 1-8 (rotations and mirrorings) to a BGR image. */
    static BufferedImage orient(BufferedImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] s = ((DataBufferByte) src.getRaster().getDataBuffer()).getData();
        byte[] d = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                // (sx, sy): the stored pixel shown at (x, y)
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                int si = 3 * (sy * w + sx);
                int di = 3 * (y * ow + x);
                d[di] = s[si];
                d[di + 1] = s[si + 1];
                d[di + 2] = s[si + 2];
            }
        }
        return out;
    }
}
