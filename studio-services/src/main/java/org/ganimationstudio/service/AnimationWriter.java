package org.ganimationstudio.service;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Encodes frames into a GIF or an MP4 with the FFmpeg program that ships inside the build (JavaCPP's
 * {@code org.bytedeco:ffmpeg}); frames go in as raw RGB on its standard input, one at a time, and the
 * encoded file comes back on its standard output, which this class writes to a part file. FFmpeg runs
 * as a child process, so a broken encode can never take the application down; and it depends on this
 * process at both ends, so when the JVM dies (even by SIGKILL) the encoder gets end-of-input and a
 * broken pipe and ends too, instead of finishing a file nobody wants. The file appears only when the
 * encode succeeded, moved into place under the {@link OutputPolicy}.
 *
 * <p>Memory stays flat however long the animation: a GIF's palette is either computed in one pass over
 * a small animation ({@link #ONE_PASS_PIXELS}) or given up front from a sample of frames
 * ({@link GifPalette}), so FFmpeg never holds every frame; an MP4 is written as fragmented MP4 (its
 * index at the front, as {@code +faststart} gives), which needs no seeking back into the file.
 */
public final class AnimationWriter implements AutoCloseable {

    /**
     * The largest GIF (frames x width x height) whose palette is computed from all its frames in one
     * pass; FFmpeg holds that many pixels until the end. Larger ones take a palette from a sample.
     */
    public static final long ONE_PASS_PIXELS = 32L * 1024 * 1024;

    private final Path target;
    private final OutputPolicy policy;
    private final Path partial;
    private final AnimationFormat format;
    private final int width;
    private final int height;
    private final Process process;
    private final OutputStream frames;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Thread logReader;
    private final Thread fileWriter;
    private volatile IOException fileError;
    private final byte[] rgb;
    private int written;
    private boolean finished;

    /** Largest MP4 frame the H.264 encoder (OpenH264) takes, in pixels. */
    public static final int MAX_MP4_PIXELS = 9_437_184;

    private AnimationWriter(Path target, OutputPolicy policy, Path partial, AnimationFormat format, int width, int height,
                            Process process) {
        this.target = target;
        this.policy = policy;
        this.partial = partial;
        this.format = format;
        this.width = width;
        this.height = height;
        this.process = process;
        this.frames = process.getOutputStream();
        this.rgb = new byte[width * height * 3];
        this.logReader = new Thread(() -> drain(process.getErrorStream()), "ffmpeg-log");
        this.logReader.setDaemon(true);
        this.logReader.start();
        this.fileWriter = new Thread(this::copyToFile, "ffmpeg-output");
        this.fileWriter.setDaemon(true);
        this.fileWriter.start();
    }

    /**
     * Starts an encode of {@code width x height} frames into {@code target} (.gif or .mp4), scaled to
     * {@code outWidth x outHeight} (even sizes for MP4: see {@link #evenSize}), replacing an existing
     * file; a GIF's palette comes from all its frames.
     */
    public static AnimationWriter open(Path target, int width, int height, int outWidth, int outHeight, double fps)
            throws IOException {
        return open(target, OutputPolicy.REPLACE, width, height, outWidth, outHeight, fps, null);
    }

    /**
     * Starts an encode under {@code policy}.
     *
     * @param palette a GIF's palette ({@link GifPalette}); null to compute it from all the frames, which
     *                FFmpeg then holds until the end (for animations up to {@link #ONE_PASS_PIXELS})
     */
    public static AnimationWriter open(Path target, OutputPolicy policy, int width, int height, int outWidth, int outHeight,
                                       double fps, byte[] palette) throws IOException {
        AnimationFormat format = AnimationFormat.of(target);
        if (width < 1 || height < 1 || outWidth < 2 || outHeight < 2) {
            throw new IllegalArgumentException("an animation needs frames of at least 2x2 pixels");
        }
        if (format == AnimationFormat.MP4 && (outWidth % 2 != 0 || outHeight % 2 != 0)) {
            throw new IllegalArgumentException("an MP4's width and height must be even, got " + outWidth + "x" + outHeight);
        }
        if (!(fps > 0 && fps <= 120)) {
            throw new IllegalArgumentException("fps must be within (0, 120], got " + fps);
        }
        if (format == AnimationFormat.MP4 && (long) outWidth * outHeight > MAX_MP4_PIXELS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "an MP4 frame is at most %,d pixels "
                    + "(4096x2304 or 3072x3072), this one would be %dx%d: ask for a smaller output size",
                    MAX_MP4_PIXELS, outWidth, outHeight));
        }
        List<String> cmd = new ArrayList<>(List.of(FfmpegProgram.path(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", width + "x" + height,
                "-framerate", String.format(Locale.ROOT, "%.6f", fps), "-i", "pipe:0"));
        String scale = "scale=" + outWidth + ":" + outHeight + ":flags=lanczos";
        if (format == AnimationFormat.GIF && palette == null) {
            // One palette for the whole animation: no colour flicker between frames; loop forever.
            cmd.addAll(List.of("-filter_complex",
                    "[0:v]" + scale + ",split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=sierra2_4a",
                    "-loop", "0", "-f", "gif"));
        } else if (format == AnimationFormat.GIF) {
            // The palette is given (a small PNG inline), so frames stream through and none is kept.
            cmd.addAll(List.of("-i", "data:image/png;base64," + Base64.getEncoder().encodeToString(palette),
                    "-filter_complex", "[0:v]" + scale + "[v];[v][1:v]paletteuse=dither=sierra2_4a",
                    "-loop", "0", "-f", "gif"));
        } else {
            long bitrate = Math.max(400_000L, Math.round(outWidth * (double) outHeight * fps * 0.25));
            // Fragmented MP4: the index is at the front and the file is written front to back, so it
            // can go through a pipe and plays while it downloads.
            cmd.addAll(List.of("-vf", scale + ",format=yuv420p", "-c:v", "libopenh264", "-b:v", Long.toString(bitrate),
                    "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-f", "mp4"));
        }
        cmd.add("pipe:1");
        policy.refuseInputOrFolder(target);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path partial = PartFiles.create(target);
        Process process;
        try {
            process = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new IOException("the video encoder (ffmpeg) could not start: " + e.getMessage(), e);
        }
        return new AnimationWriter(target, policy, partial, format, width, height, process);
    }

    /** Even width and height fitting {@code maxSide} with the aspect of {@code width x height}. */
    public static int[] evenSize(int width, int height, int maxSide) {
        if (maxSide < 2) {
            throw new IllegalArgumentException("the output size must be at least 2 pixels, got " + maxSide);
        }
        double s = (double) maxSide / Math.max(width, height);
        int w = Math.max(2, (int) Math.round(width * s / 2) * 2);
        int h = Math.max(2, (int) Math.round(height * s / 2) * 2);
        return new int[] {w, h};
    }

    public AnimationFormat format() {
        return format;
    }

    /** Appends a frame of the size given at {@link #open}. */
    public void write(BufferedImage frame) throws IOException {
        if (frame.getWidth() != width || frame.getHeight() != height) {
            throw new IllegalArgumentException("frame " + written + " is " + frame.getWidth() + "x" + frame.getHeight()
                    + ", the animation is " + width + "x" + height);
        }
        toRgb(frame, rgb);
        try {
            frames.write(rgb);
        } catch (IOException e) {
            throw encoderStopped(e);
        }
        written++;
    }

    public int framesWritten() {
        return written;
    }

    /** Ends the encode and moves the finished file into place. */
    public Path finish() throws IOException {
        if (written == 0) {
            throw new IllegalStateException("an animation needs at least one frame");
        }
        try {
            frames.close();
        } catch (IOException e) {
            throw encoderStopped(e);
        }
        int status;
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                throw new IOException("the video encoder did not finish within 10 minutes");
            }
            status = process.exitValue();
            fileWriter.join();
            logReader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while finishing the animation", e);
        }
        if (fileError != null) {
            throw OutputFiles.writeFailure(target, fileError);
        }
        if (status != 0) {
            throw encoderFailed(null);
        }
        policy.commit(partial, target);
        finished = true;
        return target;
    }

    /** Stops an unfinished encode and removes its partial file; after {@link #finish} it does nothing. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                frames.close();
            } catch (IOException ignored) {
                // the process is gone; its pipe may already be closed
            }
            try {
                fileWriter.join(5000);
                logReader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Files.deleteIfExists(partial);
        }
    }

    /** The encoder stopped taking frames: a full disk says so, else FFmpeg's own last word. */
    private IOException encoderStopped(IOException pipeError) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            fileWriter.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fileError != null) {
            return OutputFiles.writeFailure(target, fileError);
        }
        return encoderFailed(pipeError);
    }

    /** Copies the encoded file from FFmpeg's output to the part file; on a write error, stops FFmpeg. */
    private void copyToFile() {
        try (InputStream in = process.getInputStream();
             OutputStream out = Files.newOutputStream(partial, StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(out);
        } catch (IOException e) {
            fileError = e;
            // nothing more can be stored: the encoder must not go on
            process.destroyForcibly();
        }
    }

    static void toRgb(BufferedImage frame, byte[] out) {
        if (frame.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < out.length; i += 3) {
                out[i] = bgr[i + 2];
                out[i + 1] = bgr[i + 1];
                out[i + 2] = bgr[i];
            }
            return;
        }
        int w = frame.getWidth();
        int[] row = new int[w];
        for (int y = 0, o = 0; y < frame.getHeight(); y++) {
            frame.getRGB(0, y, w, 1, row, 0, w);
            for (int p : row) {
                out[o++] = (byte) (p >> 16);
                out[o++] = (byte) (p >> 8);
                out[o++] = (byte) p;
            }
        }
    }

    private void drain(InputStream in) {
        drain(in, log);
    }

    /** Keeps the tail of an FFmpeg's messages in {@code log}, until its process ends. */
    static void drain(InputStream in, ByteArrayOutputStream log) {
        try (in) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (log) {
                    // Keep only the tail: an error message is at the end.
                    if (log.size() > 64 * 1024) {
                        log.reset();
                    }
                    log.write(buf, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** The encoder's failure in plain words; its own log (and the pipe's error) as the cause. */
    private IOException encoderFailed(IOException pipe) {
        String text;
        synchronized (log) {
            text = log.toString(StandardCharsets.UTF_8).strip();
        }
        IOException raw = new IOException("ffmpeg: " + lastLogLine(), pipe);
        return new IOException("the animation could not be written: " + FfmpegMessages.plain(text), raw);
    }

    private String lastLogLine() {
        return lastLine(log);
    }

    static String lastLine(ByteArrayOutputStream log) {
        String text;
        synchronized (log) {
            text = log.toString(StandardCharsets.UTF_8).strip();
        }
        if (text.isEmpty()) {
            return "no message";
        }
        return text.substring(text.lastIndexOf('\n') + 1);
    }
}
