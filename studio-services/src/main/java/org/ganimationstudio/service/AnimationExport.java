package org.ganimationstudio.service;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.ganimationstudio.model.AuVector;

/** Renders an expression timeline of a photo's faces and encodes it to GIF or MP4. */
public final class AnimationExport {

    /** What was written. */
    public record Result(Path file, int frames, int width, int height) {
    }

    private final ExpressionEditor editor;

    public AnimationExport(ExpressionEditor editor) {
        this.editor = editor;
    }

    /**
     * The most output pixels (frames x width x height) an animation may have: 10 minutes at 30 fps at
     * 1920x1080 fits. Memory no longer grows with length, but time and disk do.
     */
    public static final long MAX_OUTPUT_PIXELS = 40_000_000_000L;

    /** A face's timeline, made from its own expression. */
    @FunctionalInterface
    public interface TimelineOf {
        Timeline of(AuVector own) throws java.io.IOException;
    }

    /** Writes an animation with the same timeline for every face, replacing an existing file. */
    public Result write(PhotoFaces faces, Timeline timeline, AnimationSettings settings, Path target,
                        BooleanSupplier cancelled, IntConsumer progress) throws Exception {
        return write(faces, own -> timeline, settings, target, OutputPolicy.REPLACE, cancelled, progress);
    }

    /**
     * Writes an animation under {@code policy}.
     *
     * @param timelineOf each face's timeline from its own expression (a timeline from "current" starts at the
     *                   photo itself); every face's must have the same length
     * @param progress   receives the number of frames done so far
     * @param cancelled  checked between batches of frames; a cancelled export leaves no file
     */
    public Result write(PhotoFaces faces, TimelineOf timelineOf, AnimationSettings settings, Path target,
                        OutputPolicy policy, BooleanSupplier cancelled, IntConsumer progress) throws Exception {
        PhotoFaces source = settings.faceOnly() ? faces.choose("1") : faces;
        List<AuVector> own = editor.own(source);
        java.util.Map<AuVector, List<AuVector>> framesByOwn = new java.util.HashMap<>();
        List<List<AuVector>> framesByFace = new ArrayList<>(own.size());
        for (AuVector o : own) {
            if (!framesByOwn.containsKey(o)) {
                framesByOwn.put(o, timelineOf.of(o).frames(settings.fps(), settings.pingPong()));
            }
            framesByFace.add(framesByOwn.get(o));
        }
        return write(source, framesByFace, settings, target, policy, cancelled, progress);
    }

    /**
     * Writes an animation with one timeline per face ({@code timelines.get(i)} for face i, each the same length):
     * the studio animates the selected face while the others hold their own edits.
     */
    public Result write(PhotoFaces faces, List<Timeline> timelines, AnimationSettings settings, Path target,
                        BooleanSupplier cancelled, IntConsumer progress) throws Exception {
        if (timelines.size() != faces.count()) {
            throw new IllegalArgumentException(timelines.size() + " timelines for " + faces.count() + " faces");
        }
        List<List<AuVector>> framesByFace = new ArrayList<>(timelines.size());
        for (Timeline t : timelines) {
            framesByFace.add(t.frames(settings.fps(), settings.pingPong()));
        }
        return write(faces, framesByFace, settings, target, OutputPolicy.REPLACE, cancelled, progress);
    }

    private Result write(PhotoFaces source, List<List<AuVector>> framesByFace, AnimationSettings settings, Path target,
                         OutputPolicy policy, BooleanSupplier cancelled, IntConsumer progress) throws Exception {
        PhotoFaces faces = source;
        int frameCount = framesByFace.get(0).size();
        int srcW = settings.faceOnly() ? editor.model().inputSize() : faces.photo().width();
        int srcH = settings.faceOnly() ? editor.model().inputSize() : faces.photo().height();
        int maxSide = settings.maxSide() > 0 ? settings.maxSide() : defaultSide(Math.max(srcW, srcH));
        int[] out = AnimationWriter.evenSize(srcW, srcH, maxSide);
        checkSize(frameCount, out[0], out[1]);
        byte[] palette = null;
        long pixels = (long) frameCount * out[0] * out[1];
        if (AnimationFormat.of(target) == AnimationFormat.GIF && pixels > AnimationWriter.ONE_PASS_PIXELS) {
            palette = palette(source, framesByFace, frameCount, settings, srcW, srcH, out, cancelled);
        }
        try (AnimationWriter writer = AnimationWriter.open(target, policy, srcW, srcH, out[0], out[1], settings.fps(), palette)) {
            editor.animateFaces(source, framesByFace::get, cancelled, (i, frame) -> {
                writer.write(image(settings, frame));
                progress.accept(i + 1);
            });
            writer.finish();
        }
        return new Result(target, frameCount, out[0], out[1]);
    }

    /** Refuses an animation over {@link #MAX_OUTPUT_PIXELS}, before any work. */
    static void checkSize(int frames, int width, int height) {
        long pixels = (long) frames * width * height;
        if (pixels > MAX_OUTPUT_PIXELS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the animation would be %d frames of %dx%d, %.1f billion pixels; the most is %.0f billion "
                            + "(e.g. 10 minutes at 30 fps at 1920x1080): shorten it, or lower the fps or the size",
                    frames, width, height, pixels / 1e9, MAX_OUTPUT_PIXELS / 1e9));
        }
    }

    /** A long GIF's palette, from a sample of its frames rendered ahead (a few more renders, flat memory). */
    private byte[] palette(PhotoFaces source, List<List<AuVector>> framesByFace, int frameCount,
                           AnimationSettings settings, int srcW, int srcH, int[] out, BooleanSupplier cancelled)
            throws Exception {
        int[] picked = GifPalette.sampleIndices(frameCount, GifPalette.SAMPLE_FRAMES);
        try (GifPalette palette = GifPalette.start(srcW, srcH, out[0], out[1])) {
            editor.animateFaces(source, face -> {
                List<AuVector> frames = framesByFace.get(face);
                List<AuVector> sample = new ArrayList<>(picked.length);
                for (int i : picked) {
                    sample.add(frames.get(i));
                }
                return sample;
            }, cancelled, (i, frame) -> palette.add(image(settings, frame)));
            return palette.finish();
        }
    }

    private static BufferedImage image(AnimationSettings settings, EditedPhoto frame) {
        return settings.faceOnly() ? frame.crops().get(0).toBufferedImage() : frame.photo().image();
    }

    /** The source size, halved until at most 1920 pixels (GIFs and MP4s of 4000-pixel photos help no one). */
    static int defaultSide(int side) {
        int s = side;
        while (s > 1920) {
            s /= 2;
        }
        return s;
    }
}
