package org.ganimationstudio.service;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.ganimationstudio.face.FacePaster;
import org.ganimationstudio.face.Photo;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.Rendering;
import org.ganimationstudio.model.RgbImage;

/**
 * Where AU values become pixels: the photo's face crops go through the generator, and the edits are
 * pasted back into the full-resolution photo. Thread-safe (the model serialises native calls).
 */
public final class ExpressionEditor {

    /** Receives the frames of an animation in order. */
    @FunctionalInterface
    public interface FrameSink {
        void accept(int index, EditedPhoto frame) throws Exception;
    }

    private final ExpressionModel model;

    public ExpressionEditor(ExpressionModel model) {
        this.model = model;
    }

    public ExpressionModel model() {
        return model;
    }

    /** Every face of {@code faces} set to {@code aus}, pasted back into the photo. */
    public EditedPhoto edit(PhotoFaces faces, AuVector aus) {
        List<RgbImage> inputs = faces.inputs(model.inputSize());
        List<Rendering> renders = model.renderBatch(inputs, java.util.Collections.nCopies(inputs.size(), aus));
        return new EditedPhoto(paste(faces, inputs, renders), renders);
    }

    /** The face crops alone (no paste-back) at each AU vector, in batches: sheets and strips. */
    public List<Rendering> renderFace(PhotoFaces faces, int face, List<AuVector> aus) {
        return model.renderAll(faces.inputs(model.inputSize()).get(face), aus);
    }

    /**
     * Renders one photo per AU vector, in batches of frames (one native call per face per batch), handing
     * each frame on as soon as its batch is done so long animations never sit in memory.
     *
     * @param cancelled checked between batches; a cancelled animation stops with {@link java.util.concurrent.CancellationException}
     */
    public void animate(PhotoFaces faces, List<AuVector> frames, BooleanSupplier cancelled, FrameSink sink) throws Exception {
        List<RgbImage> inputs = faces.inputs(model.inputSize());
        int batch = ExpressionModel.DEFAULT_MAX_BATCH;
        for (int start = 0; start < frames.size(); start += batch) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("the animation was cancelled");
            }
            List<AuVector> chunk = frames.subList(start, Math.min(frames.size(), start + batch));
            List<List<Rendering>> perFace = new ArrayList<>(inputs.size());
            for (RgbImage input : inputs) {
                perFace.add(model.renderAll(input, chunk));
            }
            for (int i = 0; i < chunk.size(); i++) {
                List<Rendering> renders = new ArrayList<>(inputs.size());
                for (List<Rendering> r : perFace) {
                    renders.add(r.get(i));
                }
                sink.accept(start + i, new EditedPhoto(paste(faces, inputs, renders), renders));
            }
        }
    }

    private static Photo paste(PhotoFaces faces, List<RgbImage> inputs, List<Rendering> renders) {
        Photo out = faces.photo();
        for (int i = 0; i < renders.size(); i++) {
            out = FacePaster.paste(out, faces.crops().get(i), inputs.get(i), renders.get(i));
        }
        return out;
    }
}
