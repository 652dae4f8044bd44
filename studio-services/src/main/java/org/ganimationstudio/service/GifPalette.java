package org.ganimationstudio.service;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The 256-colour palette of a long GIF, computed by FFmpeg's palettegen from a sample of its frames
 * given one at a time (palettegen keeps a colour histogram, not the frames), so that the GIF itself
 * can then stream through paletteuse without FFmpeg holding every frame until the end.
 */
public final class GifPalette implements AutoCloseable {

    /** How many frames, spread evenly over an animation, its palette is computed from. */
    public static final int SAMPLE_FRAMES = 16;

    private final int width;
    private final int height;
    private final Process process;
    private final OutputStream frames;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Thread logReader;
    private final byte[] rgb;
    private boolean finished;

    private GifPalette(int width, int height, Process process) {
        this.width = width;
        this.height = height;
        this.process = process;
        this.frames = process.getOutputStream();
        this.rgb = new byte[width * height * 3];
        this.logReader = new Thread(() -> AnimationWriter.drain(process.getErrorStream(), log), "ffmpeg-palette-log");
        this.logReader.setDaemon(true);
        this.logReader.start();
    }

    /** Starts a palette for frames of {@code width x height}, as they will look scaled to the GIF's size. */
    public static GifPalette start(int width, int height, int outWidth, int outHeight) throws IOException {
        List<String> cmd = List.of(FfmpegProgram.path(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", width + "x" + height, "-framerate", "1", "-i", "pipe:0",
                "-vf", String.format(Locale.ROOT, "scale=%d:%d:flags=lanczos,palettegen=stats_mode=full", outWidth, outHeight),
                "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1");
        try {
            return new GifPalette(width, height, new ProcessBuilder(cmd).start());
        } catch (IOException e) {
            throw new IOException("the video encoder (ffmpeg) could not start: " + e.getMessage(), e);
        }
    }

    /** The indices of {@code count} frames spread evenly over {@code frames} (all of them when fewer). */
    public static int[] sampleIndices(int frames, int count) {
        int n = Math.min(frames, count);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = n == 1 ? 0 : (int) Math.round(i * (frames - 1) / (double) (n - 1));
        }
        return out;
    }

    public void add(BufferedImage frame) throws IOException {
        if (frame.getWidth() != width || frame.getHeight() != height) {
            throw new IllegalArgumentException("palette frames must be " + width + "x" + height);
        }
        AnimationWriter.toRgb(frame, rgb);
        try {
            frames.write(rgb);
        } catch (IOException e) {
            throw new IOException("the video encoder stopped: " + AnimationWriter.lastLine(log), e);
        }
    }

    /** The palette as a small PNG. */
    public byte[] finish() throws IOException {
        frames.close();
        byte[] png = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0 || png.length == 0) {
                throw new IOException("the video encoder could not make the GIF's palette: " + AnimationWriter.lastLine(log));
            }
            logReader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the GIF's palette", e);
        }
        finished = true;
        return png;
    }

    @Override
    public void close() {
        if (!finished) {
            process.destroyForcibly();
        }
    }
}
