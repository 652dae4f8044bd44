package org.ganimationstudio.service;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
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

    /** A face's timeline, made from its own expression. */
    @FunctionalInterface
    public interface TimelineOf {
        Timeline of(AuVector own) throws java.io.IOException;
    }

    /** The same timeline for every face. */
    public Result write(PhotoFaces faces, Timeline timeline, AnimationSettings settings, Path target,
                        BooleanSupplier cancelled, IntConsumer progress) throws Exception {
        return write(faces, own -> timeline, settings, target, cancelled, progress);
    }

    /**
     * @param timelineOf each face's timeline from its own expression (a timeline from "current" starts at the
     *                   photo itself); every face's must have the same length
     * @param progress   receives the number of frames done so far
     * @param cancelled  checked between batches of frames; a cancelled export leaves no file
     */
    public Result write(PhotoFaces faces, TimelineOf timelineOf, AnimationSettings settings, Path target,
                        BooleanSupplier cancelled, IntConsumer progress) throws Exception {
        PhotoFaces animated = settings.faceOnly() ? faces.choose("1") : faces;
        List<AuVector> own = editor.own(animated);
        java.util.Map<AuVector, List<AuVector>> framesByOwn = new java.util.HashMap<>();
        for (AuVector o : own) {
            if (!framesByOwn.containsKey(o)) {
                framesByOwn.put(o, timelineOf.of(o).frames(settings.fps(), settings.pingPong()));
            }
        }
        int frameCount = framesByOwn.get(own.get(0)).size();
        int srcW = settings.faceOnly() ? editor.model().inputSize() : faces.photo().width();
        int srcH = settings.faceOnly() ? editor.model().inputSize() : faces.photo().height();
        int maxSide = settings.maxSide() > 0 ? settings.maxSide() : defaultSide(Math.max(srcW, srcH));
        int[] out = AnimationWriter.evenSize(srcW, srcH, maxSide);
        try (AnimationWriter writer = AnimationWriter.open(target, srcW, srcH, out[0], out[1], settings.fps())) {
            editor.animate(animated, framesByOwn::get, cancelled, (i, frame) -> {
                BufferedImage image = settings.faceOnly()
                        ? frame.crops().get(0).toBufferedImage()
                        : frame.photo().image();
                writer.write(image);
                progress.accept(i + 1);
            });
            writer.finish();
        }
        return new Result(target, frameCount, out[0], out[1]);
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
