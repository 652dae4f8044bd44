package org.ganimationstudio.cli;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.awt.color.ColorSpace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Hostile and unusual photo files, generated from the sample portrait: damaged files that must be
 * refused in plain words, and odd-but-valid ones that must give the right picture (and its face).
 */
final class BadInputs {

    /** What a file must give. */
    enum Expect { REFUSED, OPENS_WITHOUT_FACE, OPENS_WITH_FACE }

    /** One generated file and what opening it must give. */
    record Case(String category, Path file, Expect expect) {
    }

    private BadInputs() {
    }

    static List<Case> generate(Path sample, Path dir) throws IOException {
        Files.createDirectories(dir);
        BufferedImage photo = ImageIO.read(sample.toFile());
        BufferedImage rgb = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        rgb.createGraphics().drawImage(photo, 0, 0, null);
        byte[] jpeg = encode(rgb, "jpg");
        byte[] png = encode(rgb, "png");
        List<Case> cases = new ArrayList<>();
        Random rng = new Random(7);

        // damaged files
        for (double keep : new double[] {0.05, 0.3, 0.7, 0.95}) {
            cases.add(write(dir, "truncated JPEG", "cut-" + (int) (keep * 100) + ".jpg", Arrays.copyOf(jpeg, (int) (jpeg.length * keep)), false));
            cases.add(write(dir, "truncated PNG", "cut-" + (int) (keep * 100) + ".png", Arrays.copyOf(png, (int) (png.length * keep)), false));
        }
        for (int i = 0; i < 4; i++) {
            byte[] j = jpeg.clone();
            for (int k = 0; k < 64; k++) {
                j[600 + rng.nextInt(j.length - 700)] = (byte) rng.nextInt(256);
            }
            cases.add(write(dir, "corrupt JPEG", "noise-" + i + ".jpg", j, false));
            byte[] p = png.clone();
            for (int k = 0; k < 16; k++) {
                p[100 + rng.nextInt(p.length - 200)] = (byte) rng.nextInt(256);
            }
            cases.add(write(dir, "corrupt PNG", "noise-" + i + ".png", p, false));
        }
        cases.add(write(dir, "zero bytes", "empty.jpg", new byte[0], false));
        cases.add(write(dir, "zero bytes", "empty.png", new byte[0], false));
        cases.add(write(dir, "not a picture", "notes.jpg", "Meeting notes: bring the photos.".getBytes(), false));
        cases.add(write(dir, "not a picture", "page.png", "<html><body>404</body></html>".getBytes(), false));
        cases.add(write(dir, "not a picture", "random.gif", randomBytes(rng, 4096), false));
        cases.add(write(dir, "header bomb", "bomb.png", pngBomb(50_000, 50_000), false));
        cases.add(write(dir, "header bomb", "bomb.jpg", jpegBomb(jpeg, 50_000, 50_000), false));
        cases.add(write(dir, "header bomb", "wide.png", pngBomb(65_535, 65_535), false));

        // odd but valid files
        cases.add(write(dir, "1x1 image", "dot.png", encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png"), null));
        cases.add(write(dir, "1x1 image", "dot.jpg", encode(new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR), "jpg"), null));
        cases.add(write(dir, "CMYK", "cmyk.jpg", cmykJpeg(rgb), true));
        cases.add(write(dir, "CMYK", "cmyk.tif", cmykTiff(rgb), true));
        cases.add(write(dir, "16-bit", "deep.png", encode(sixteenBit(rgb), "png"), true));
        cases.add(write(dir, "palette", "palette.png", encode(indexed(rgb), "png"), true));
        cases.add(write(dir, "palette", "palette.gif", encode(indexed(rgb), "gif"), true));
        cases.add(write(dir, "alpha", "alpha.png", encode(withAlpha(rgb), "png"), true));
        cases.add(write(dir, "animated GIF", "animated.gif", animatedGif(rgb), true));
        cases.add(write(dir, "oversized EXIF", "big-exif.jpg", withApp1(jpeg, 65_000, rng, true), true));
        cases.add(write(dir, "oversized EXIF", "garbage-exif.jpg", withApp1(jpeg, 60_000, rng, false), true));
        return cases;
    }

    /** {@code valid}: false = must be refused, true = must open with the sample's face, null = opens, no face. */
    private static Case write(Path dir, String category, String name, byte[] bytes, Boolean valid) throws IOException {
        Expect e = valid == null ? Expect.OPENS_WITHOUT_FACE : valid ? Expect.OPENS_WITH_FACE : Expect.REFUSED;
        return new Case(category, Files.write(dir.resolve(name), bytes), e);
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no " + format + " writer for " + img);
        }
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random rng, int n) {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        b[0] = 'G';
        b[1] = 'I';
        b[2] = 'F';
        return b;
    }

    /** A 1x1 PNG whose header claims w x h. */
    private static byte[] pngBomb(int w, int h) throws IOException {
        byte[] bytes = encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        ByteBuffer.wrap(bytes, 16, 8).putInt(w).putInt(h);
        CRC32 crc = new CRC32();
        crc.update(bytes, 12, 17);
        ByteBuffer.wrap(bytes, 29, 4).putInt((int) crc.getValue());
        return bytes;
    }

    /** The JPEG with its frame header (SOF0) claiming w x h. */
    private static byte[] jpegBomb(byte[] jpeg, int w, int h) {
        byte[] b = jpeg.clone();
        for (int i = 2; i < b.length - 9; i++) {
            if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xC0) {
                ByteBuffer.wrap(b, i + 5, 4).putShort((short) h).putShort((short) w);
                return b;
            }
        }
        throw new IllegalStateException("no SOF0 marker");
    }

    /**
     * A CMYK JPEG as Photoshop writes it: inverted CMYK samples and an Adobe APP14 segment (transform 0);
     * the JDK writer gives the 4-channel scan, the segment is inserted after SOI.
     */
    private static byte[] cmykJpeg(BufferedImage rgb) throws IOException {
        WritableRaster cmyk = (WritableRaster) cmykRaster(rgb);
        byte[] samples = ((java.awt.image.DataBufferByte) cmyk.getDataBuffer()).getData();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (byte) (255 - (samples[i] & 0xff));
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream scan = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(scan)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        byte[] j = scan.toByteArray();
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(j, 0, 2);
        out.write(adobe, 0, adobe.length);
        out.write(j, 2, j.length - 2);
        return out.toByteArray();
    }

    private static byte[] cmykTiff(BufferedImage rgb) throws IOException {
        ColorSpace cs = com.twelvemonkeys.imageio.color.ColorSpaces.getColorSpace(com.twelvemonkeys.imageio.color.ColorSpaces.CS_GENERIC_CMYK);
        ComponentColorModel cm = new ComponentColorModel(cs, false, false, java.awt.Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        BufferedImage img = new BufferedImage(cm, (WritableRaster) cmykRaster(rgb), false, null);
        return encode(img, "tiff");
    }

    private static Raster cmykRaster(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        int[] px = new int[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb.getRGB(x, y);
                double rr = ((p >> 16) & 0xff) / 255.0;
                double gg = ((p >> 8) & 0xff) / 255.0;
                double bb = (p & 0xff) / 255.0;
                double k = 1 - Math.max(rr, Math.max(gg, bb));
                double d = k >= 1 ? 1 : 1 - k;
                px[0] = (int) Math.round(255 * (1 - rr - k) / d);
                px[1] = (int) Math.round(255 * (1 - gg - k) / d);
                px[2] = (int) Math.round(255 * (1 - bb - k) / d);
                px[3] = (int) Math.round(255 * k);
                r.setPixel(x, y, px);
            }
        }
        return r;
    }

    private static BufferedImage sixteenBit(BufferedImage rgb) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(rgb.getWidth(), rgb.getHeight());
        int[] px = new int[3];
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int p = rgb.getRGB(x, y);
                px[0] = ((p >> 16) & 0xff) * 257;
                px[1] = ((p >> 8) & 0xff) * 257;
                px[2] = (p & 0xff) * 257;
                r.setPixel(x, y, px);
            }
        }
        return new BufferedImage(cm, r, false, null);
    }

    private static BufferedImage indexed(BufferedImage rgb) {
        BufferedImage img = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = img.createGraphics();
        g.drawImage(rgb, 0, 0, null);
        g.dispose();
        return img;
    }

    private static BufferedImage withAlpha(BufferedImage rgb) {
        BufferedImage img = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                // opaque face, transparent border
                int alpha = x < 20 || y < 20 ? 0 : 255;
                img.setRGB(x, y, (alpha << 24) | (rgb.getRGB(x, y) & 0xffffff));
            }
        }
        return img;
    }

    private static byte[] animatedGif(BufferedImage rgb) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < 3; i++) {
                BufferedImage frame = indexed(rgb);
                if (i > 0) {
                    Graphics2D g = frame.createGraphics();
                    g.fillRect(0, 0, 40 * i, 40 * i);
                    g.dispose();
                }
                ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(frame);
                IIOMetadata meta = writer.getDefaultImageMetadata(type, null);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", "10");
                gce.setAttribute("transparentColorIndex", "0");
                root.appendChild(gce);
                meta.setFromTree("javax_imageio_gif_image_1.0", root);
                writer.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The JPEG with an APP1 segment of {@code size} bytes inserted after SOI: a real EXIF header with junk, or pure junk. */
    private static byte[] withApp1(byte[] jpeg, int size, Random rng, boolean exifHeader) {
        byte[] body = new byte[size];
        rng.nextBytes(body);
        if (exifHeader) {
            byte[] head = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, (byte) 0xFF, (byte) 0xFF};
            System.arraycopy(head, 0, body, 0, head.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(((size + 2) >> 8) & 0xff);
        out.write((size + 2) & 0xff);
        out.write(body, 0, size);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

}
