package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real encodes, decoded back: frame count, size, looping, colours. */
class AnimationWriterTest {

    @TempDir
    Path tmp;

    /** Frame i: a grey level that ramps up, so each decoded frame can be told apart. */
    private static BufferedImage frame(int i, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        int level = 20 + i * 20;
        g.setColor(new Color(level, level, level));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(200, 40, 40));
        g.fillRect(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        return img;
    }

    private Path encode(String name, int frames, int w, int h, int outW, int outH) throws Exception {
        Path target = tmp.resolve(name);
        try (AnimationWriter writer = AnimationWriter.open(target, w, h, outW, outH, 10)) {
            for (int i = 0; i < frames; i++) {
                writer.write(frame(i, w, h));
            }
            writer.finish();
        }
        return target;
    }

    @Test
    void gifLoopsForeverWithEveryFrameAtTheOutputSize() throws Exception {
        Path gif = encode("a.gif", 9, 160, 120, 80, 60);
        DecodedAnimation d = DecodedAnimation.read(gif);
        assertThat(d.frameCount()).isEqualTo(9);
        assertThat(d.width()).isEqualTo(80);
        assertThat(d.height()).isEqualTo(60);
        assertThat(DecodedAnimation.gifLoopsForever(gif)).isTrue();
        // the grey ramp survives the palette: corner brightness rises frame by frame
        for (int i = 0; i < 9; i++) {
            assertThat(d.meanCorner(i)).as("frame %d", i).isCloseTo(20 + i * 20, within(6.0));
        }
        assertThat(d.centerRgb(4)[0]).isGreaterThan(170);
        assertThat(d.centerRgb(4)[1]).isLessThan(80);
    }

    @Test
    void mp4IsH264AndDecodesBackFrameByFrame() throws Exception {
        Path mp4 = encode("a.mp4", 12, 128, 96, 128, 96);
        DecodedAnimation d = DecodedAnimation.read(mp4);
        assertThat(d.codec()).isEqualTo("h264");
        assertThat(d.frameCount()).isEqualTo(12);
        assertThat(d.width()).isEqualTo(128);
        assertThat(d.height()).isEqualTo(96);
        for (int i = 0; i < 12; i++) {
            assertThat(d.meanCorner(i)).as("frame %d", i).isCloseTo(20 + i * 20, within(12.0));
        }
    }

    @Test
    void anUnfinishedEncodeLeavesNoFile() throws Exception {
        Path target = tmp.resolve("cancelled.gif");
        try (AnimationWriter writer = AnimationWriter.open(target, 64, 64, 64, 64, 10)) {
            writer.write(frame(0, 64, 64));
            // closed without finish(): a cancelled export
        }
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesWrongSizesAndFormats() throws Exception {
        assertThatThrownBy(() -> AnimationWriter.open(tmp.resolve("a.avi"), 64, 64, 64, 64, 10))
                .hasMessageContaining(".gif or .mp4");
        assertThatThrownBy(() -> AnimationWriter.open(tmp.resolve("a.mp4"), 64, 64, 63, 64, 10))
                .hasMessageContaining("even");
        try (AnimationWriter writer = AnimationWriter.open(tmp.resolve("b.gif"), 64, 64, 64, 64, 10)) {
            assertThatThrownBy(() -> writer.write(frame(0, 32, 32))).hasMessageContaining("32x32");
        }
        assertThat(AnimationWriter.evenSize(1023, 767, 512)).containsExactly(512, 384);
        assertThat(AnimationWriter.evenSize(101, 101, 101)).containsExactly(102, 102);
    }

    /** Before, a square 4096-pixel MP4 reached OpenH264, which failed with its own text and memory addresses. */
    @Test
    void anMp4TooLargeForTheEncoderIsRefusedInPlainWords() {
        assertThatThrownBy(() -> AnimationWriter.open(tmp.resolve("big.mp4"), 64, 64, 4096, 4096, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an MP4 frame is at most 9,437,184 pixels")
                .hasMessageContaining("smaller output size");
        assertThat(tmp.resolve("big.mp4")).doesNotExist();
    }

    /** The real encoder's real failure log (OpenH264 refusing a frame size) read in plain words. */
    @Test
    void anEncoderFailureGetsPlainWords() throws Exception {
        Process ffmpeg = new ProcessBuilder(FfmpegProgram.path(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "4096x4096", "-framerate", "10", "-i", "pipe:0",
                "-c:v", "libopenh264", "-f", "mp4", tmp.resolve("x.mp4").toString()).redirectErrorStream(true).start();
        try (var in = ffmpeg.getOutputStream()) {
            in.write(new byte[4096 * 4096 * 3]);
        } catch (java.io.IOException e) {
            // the encoder gave up before taking the frame
        }
        String log = new String(ffmpeg.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ffmpeg.waitFor()).isNotZero();
        assertThat(log).contains("libopenh264"); // FFmpeg's own words, with addresses such as @ 0x55...
        String plain = FfmpegMessages.plain(log);
        assertThat(plain).isEqualTo("the video encoder does not take frames of this size; ask for a smaller output size");
        assertThat(FfmpegMessages.plain("[out#0/gif @ 0x1] Error writing trailer: No space left on device"))
                .isEqualTo("the disk is full; free some space and try again");
        assertThat(FfmpegMessages.plain("[mp4 @ 0x5] something new")).doesNotContain("0x5", "mp4 @");
    }

    @Test
    void animationsGetTheSamePermissionsAsStills() throws Exception {
        Path still = tmp.resolve("still.png");
        OutputFiles.writeImage(frame(0, 64, 64), still);
        Path gif = encode("a.gif", 2, 64, 64, 64, 64);
        Path mp4 = encode("a.mp4", 2, 64, 64, 64, 64);
        // what a new file gets from the umask: typically rw-r--r--
        Path plain = Files.createFile(tmp.resolve("plain"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertThat(expected).contains(PosixFilePermission.OTHERS_READ);
        assertThat(Files.getPosixFilePermissions(still)).isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(gif)).isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(mp4)).isEqualTo(expected);
    }

    @Test
    void aLongGifStreamsThroughAPaletteFromASampleOfItsFrames() throws Exception {
        int frames = 40;
        Path target = tmp.resolve("long.gif");
        byte[] palette;
        try (GifPalette p = GifPalette.start(160, 120, 80, 60)) {
            for (int i : GifPalette.sampleIndices(frames, GifPalette.SAMPLE_FRAMES)) {
                p.add(frame(i % 12, 160, 120));
            }
            palette = p.finish();
        }
        assertThat(GifPalette.sampleIndices(frames, GifPalette.SAMPLE_FRAMES)).hasSize(GifPalette.SAMPLE_FRAMES)
                .startsWith(0).endsWith(frames - 1);
        try (AnimationWriter writer = AnimationWriter.open(target, OutputPolicy.NEW_FILES, 160, 120, 80, 60, 10, palette)) {
            for (int i = 0; i < frames; i++) {
                writer.write(frame(i % 12, 160, 120));
            }
            writer.finish();
        }
        DecodedAnimation d = DecodedAnimation.read(target);
        assertThat(d.frameCount()).isEqualTo(frames);
        assertThat(DecodedAnimation.gifLoopsForever(target)).isTrue();
        for (int i = 0; i < 9; i++) {
            assertThat(d.meanCorner(i)).as("frame %d", i).isCloseTo(20 + i * 20, within(6.0));
        }
    }

    @Test
    void anAnimationOverTheLimitIsRefusedBeforeAnyWork() {
        // 600 s at 120 fps at 1920x1080 with ping-pong
        assertThatThrownBy(() -> AnimationExport.checkSize(144_000, 1920, 1080))
                .hasMessageContaining("the most is 40 billion").hasMessageContaining("lower the fps or the size");
        AnimationExport.checkSize(600 * 30, 1920, 1080);
    }

    @Test
    void aFailedEncodeLeavesNoPartFile() throws Exception {
        Path target = tmp.resolve("broken.gif");
        // a palette that is no picture: FFmpeg refuses it
        assertThatThrownBy(() -> {
            try (AnimationWriter writer = AnimationWriter.open(target, OutputPolicy.NEW_FILES, 64, 64, 64, 64, 10,
                    "not a png".getBytes())) {
                writer.write(frame(0, 64, 64));
                writer.finish();
            }
        }).hasMessageContaining("video encoder");
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }
}
