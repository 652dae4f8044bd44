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

    /**
     * @param progress receives the number of frames done so far
     * @param cancelled checked between batches of frames; a cancelled export leaves no file
     */
    public Result write(PhotoFaces faces, Timeline timeline, AnimationSettings settings, Path target,
                        BooleanSupplier cancelled, IntConsumer progress) throws Exception {
        List<AuVector> frames = timeline.frames(settings.fps(), settings.pingPong());
        int srcW = settings.faceOnly() ? editor.model().inputSize() : faces.photo().width();
        int srcH = settings.faceOnly() ? editor.model().inputSize() : faces.photo().height();
        int maxSide = settings.maxSide() > 0 ? settings.maxSide() : defaultSide(Math.max(srcW, srcH));
        int[] out = AnimationWriter.evenSize(srcW, srcH, maxSide);
        try (AnimationWriter writer = AnimationWriter.open(target, srcW, srcH, out[0], out[1], settings.fps())) {
            editor.animate(settings.faceOnly() ? faces.choose("1") : faces, frames, cancelled, (i, frame) -> {
                BufferedImage image = settings.faceOnly()
                        ? frame.faces().get(0).composite().toBufferedImage()
                        : frame.photo().image();
                writer.write(image);
                progress.accept(i + 1);
            });
            writer.finish();
        }
        return new Result(target, frames.size(), out[0], out[1]);
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
