package org.ganimationstudio.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoReaderTest {

    @TempDir
    Path tmp;

    private final PhotoReader reader = new PhotoReader();

    /** A 40x20 picture: left half red, right half blue, top-left pixel green as an orientation marker. */
    private static BufferedImage marker() {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, x < 20 ? 0xff0000 : 0x0000ff);
            }
        }
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, 0x00ff00);
            }
        }
        return img;
    }

    private static byte[] jpeg(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** A JPEG with an EXIF APP1 segment holding only the orientation tag. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8}); // big-endian TIFF header, IFD at 8
        tiff.putShort((short) 1);                             // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
        tiff.putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);                                       // no next IFD
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xff);
        out.write(0xe1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xff);
        out.write(exif, 0, exif.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static boolean isGreen(int rgb) {
        return ((rgb >> 8) & 0xff) > 180 && ((rgb >> 16) & 0xff) < 100 && (rgb & 0xff) < 100;
    }

    @Test
    void appliesExifOrientation() throws Exception {
        byte[] plain = jpeg(marker());
        Path rotated = Files.write(tmp.resolve("phone.jpg"), withExifOrientation(plain, 6)); // rotate 90 CW to show
        Photo p = reader.read(rotated);
        assertThat(p.exifOrientation()).isEqualTo(6);
        assertThat(p.width()).isEqualTo(20);
        assertThat(p.height()).isEqualTo(40);
        // The stored top-left marker is shown top-right; the red half is on top.
        assertThat(isGreen(p.image().getRGB(18, 1))).isTrue();
        assertThat((p.image().getRGB(10, 10) >> 16) & 0xff).isGreaterThan(200);
        Photo upsideDown = reader.read(Files.write(tmp.resolve("flip.jpg"), withExifOrientation(plain, 3)));
        assertThat(isGreen(upsideDown.image().getRGB(38, 18))).isTrue();
        Photo plainPhoto = reader.read(Files.write(tmp.resolve("plain.jpg"), plain));
        assertThat(plainPhoto.exifOrientation()).isEqualTo(1);
        assertThat(isGreen(plainPhoto.image().getRGB(1, 1))).isTrue();
    }

    @Test
    void sixteenBitGreyKeepsItsTones() throws Exception {
        BufferedImage grey16 = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                grey16.getRaster().setSample(x, y, 0, x < 4 ? 32768 : 65535);
            }
        }
        Path file = tmp.resolve("grey16.png");
        ImageIO.write(grey16, "png", file.toFile());
        Photo p = reader.read(file);
        int mid = p.image().getRGB(1, 1);
        assertThat((mid >> 16) & 0xff).isBetween(127, 129);
        assertThat(mid & 0xff).isEqualTo((mid >> 16) & 0xff);
        assertThat(p.image().getRGB(6, 6) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void eightBitGreyAndAlphaBecomeRgb() throws Exception {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        Path g = tmp.resolve("grey.png");
        ImageIO.write(grey, "png", g.toFile());
        assertThat(reader.read(g).image().getRGB(0, 0) & 0xffffff).isEqualTo(0x646464);

        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000); // fully transparent black
        argb.setRGB(1, 0, 0xff123456); // opaque colour
        Path a = tmp.resolve("alpha.png");
        ImageIO.write(argb, "png", a.toFile());
        Photo p = reader.read(a);
        assertThat(p.image().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(p.image().getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
        assertThat(p.image().getRGB(1, 0) & 0xffffff).isEqualTo(0x123456);
    }

    @Test
    void refusesDecompressionBombsBeforeDecoding() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", png);
        byte[] bytes = png.toByteArray();
        // IHDR data starts at byte 16: width, height; then fix the chunk's CRC.
        ByteBuffer.wrap(bytes, 16, 8).putInt(50_000).putInt(50_000);
        CRC32 crc = new CRC32();
        crc.update(bytes, 12, 17);
        ByteBuffer.wrap(bytes, 29, 4).putInt((int) crc.getValue());
        Path bomb = Files.write(tmp.resolve("bomb.png"), bytes);
        assertThatThrownBy(() -> reader.read(bomb)).isInstanceOf(PhotoReadException.class)
                .hasMessageContaining("50000x50000 pixels (2500 megapixels), over the limit of 100 megapixels");
        assertThatThrownBy(() -> new PhotoReader(100).read(TestPhotos.astronaut()))
                .hasMessageContaining("over the limit");
    }

    @Test
    void refusesWhatIsNotAPhoto() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.jpg"), "hello, not a picture");
        assertThatThrownBy(() -> reader.read(text)).isInstanceOf(PhotoReadException.class)
                .hasMessageContaining("notes.jpg is not a picture in a supported format");
        Path empty = Files.write(tmp.resolve("empty.png"), new byte[0]);
        assertThatThrownBy(() -> reader.read(empty)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> reader.read(tmp.resolve("missing.png"))).hasMessageContaining("no such file");
        byte[] jpeg = jpeg(marker());
        Path truncated = Files.write(tmp.resolve("cut.jpg"), java.util.Arrays.copyOf(jpeg, 40));
        assertThatThrownBy(() -> reader.read(truncated)).isInstanceOf(PhotoReadException.class);
    }

    @Test
    void aFolderANamedPipeOrADeviceIsNamedAndNeverOpened() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("holiday.jpg"));
        assertThatThrownBy(() -> reader.read(folder)).isInstanceOf(PhotoReadException.class)
                .hasMessageEndingWith("holiday.jpg is a folder, not a photo");
        Path fifo = tmp.resolve("pipe.jpg");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0,
                "mkfifo is not available");
        // no writer ever opens the pipe: reading it would block for ever
        assertThatThrownBy(() -> reader.read(fifo)).isInstanceOf(PhotoReadException.class)
                .hasMessageEndingWith("pipe.jpg is a named pipe (FIFO), not a photo");
        Path device = Path.of("/dev/zero");
        if (Files.exists(device)) {
            assertThatThrownBy(() -> reader.read(device)).hasMessage("/dev/zero is a device, not a photo");
        }
    }

    /** A JPEG with an APP2 ICC_PROFILE segment of random bytes: the pixels are whole, the profile is not. */
    @Test
    void aBrokenColourProfileIsIgnoredWithAWarning() throws Exception {
        BufferedImage marker = marker();
        byte[] jpg = jpeg(marker);
        byte[] id = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] junk = new byte[600];
        new java.util.Random(1).nextBytes(junk);
        int length = 2 + id.length + 2 + junk.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpg, 0, 2); // SOI
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
        out.write(id);
        out.write(new byte[] {1, 1});
        out.write(junk);
        out.write(jpg, 2, jpg.length - 2);
        Path file = Files.write(tmp.resolve("broken-profile.jpg"), out.toByteArray());
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PhotoReader.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen = new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        log.addAppender(seen);
        try {
            Photo photo = reader.read(file);
            assertThat(photo.width()).isEqualTo(marker.getWidth());
            Photo plain = reader.read(Files.write(tmp.resolve("plain.jpg"), jpg));
            assertThat(photo.image().getRGB(5, 5)).isEqualTo(plain.image().getRGB(5, 5));
        } finally {
            log.detachAppender(seen);
        }
        assertThat(seen.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .containsExactly("broken-profile.jpg: its colour profile is broken and was ignored; the colours are read as plain sRGB");
    }
}
