package org.ganimationstudio.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

/** An animation file (GIF, MP4) decoded back to RGB frames by the bundled FFmpeg: a check of what was written, and the frames for a preview player. */
public record DecodedAnimation(String codec, int width, int height, List<byte[]> frames) {

    private static final Pattern STREAM = Pattern.compile("Video: (\\w+).*?, (\\d{2,5})x(\\d{2,5})");

    public static DecodedAnimation read(Path file) throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(FfmpegProgram.path(), "-hide_banner", "-i", file.toString())
                .redirectErrorStream(true).start();
        String info = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        probe.waitFor(30, TimeUnit.SECONDS);
        Matcher m = STREAM.matcher(info);
        if (!m.find()) {
            throw new IOException("no video stream in " + file + ":\n" + info);
        }
        int w = Integer.parseInt(m.group(2));
        int h = Integer.parseInt(m.group(3));
        Process p = new ProcessBuilder(FfmpegProgram.path(), "-v", "error", "-i", file.toString(),
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-fps_mode", "passthrough", "pipe:1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] all;
        try (InputStream in = p.getInputStream()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            all = buf.toByteArray();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg could not decode " + file);
        }
        int size = w * h * 3;
        if (all.length % size != 0) {
            throw new IOException("decoded " + all.length + " bytes, not a whole number of " + w + "x" + h + " frames");
        }
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int off = 0; off < all.length; off += size) {
            frames.add(java.util.Arrays.copyOfRange(all, off, off + size));
        }
        return new DecodedAnimation(m.group(1), w, h, frames);
    }

    /** Whether a GIF carries the NETSCAPE2.0 extension with a loop count of 0 (forever). */
    public static boolean gifLoopsForever(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            var apps = root.getElementsByTagName("ApplicationExtension");
            for (int i = 0; i < apps.getLength(); i++) {
                IIOMetadataNode app = (IIOMetadataNode) apps.item(i);
                byte[] data = (byte[]) app.getUserObject();
                if ("NETSCAPE".equals(app.getAttribute("applicationID")) && data.length >= 3 && data[0] == 1) {
                    return (data[1] & 0xff) == 0 && (data[2] & 0xff) == 0;
                }
            }
            return false;
        }
    }

    public int frameCount() {
        return frames.size();
    }

    /** Mean grey level of the 4x4 top-left corner of frame i. */
    public double meanCorner(int i) {
        byte[] f = frames.get(i);
        double sum = 0;
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int o = (y * width + x) * 3;
                sum += ((f[o] & 0xff) + (f[o + 1] & 0xff) + (f[o + 2] & 0xff)) / 3.0;
            }
        }
        return sum / 16;
    }

    public int[] centerRgb(int i) {
        byte[] f = frames.get(i);
        int o = ((height / 2) * width + width / 2) * 3;
        return new int[] {f[o] & 0xff, f[o + 1] & 0xff, f[o + 2] & 0xff};
    }

    /** Mean absolute difference (0-255) between two frames. */
    public double difference(int a, int b) {
        byte[] x = frames.get(a);
        byte[] y = frames.get(b);
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return sum / (double) x.length;
    }
}
