package org.ganimationstudio.service;

import java.util.ArrayList;
import java.util.List;
import org.ganimationstudio.model.AuVector;
import java.util.function.BooleanSupplier;
import org.ganimationstudio.face.FacePaster;
import org.ganimationstudio.face.Photo;
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
    private final FaceAuReader ownReader;
    private final boolean guardColor;

    /** An editor for which every face's own expression is all AUs at 0 (no AU estimator). */
    public ExpressionEditor(ExpressionModel model) {
        this(model, null, true);
    }

    /**
     * @param ownReader  reads each face's own expression, the edit's starting point (null: all AUs at 0)
     * @param guardColor whether pasted edits keep the photo's colours ({@link org.ganimationstudio.face.ColorGuard})
     */
    public ExpressionEditor(ExpressionModel model, FaceAuReader ownReader, boolean guardColor) {
        this.model = model;
        this.ownReader = ownReader;
        this.guardColor = guardColor;
    }

    public ExpressionModel model() {
        return model;
    }

    /** The same editor with another generator (a preview generator for drafts). */
    public ExpressionEditor with(ExpressionModel other) {
        return new ExpressionEditor(other, ownReader, guardColor);
    }

    /** Each face's own expression: where sliders start, and what an edit is measured from. */
    public List<AuVector> own(PhotoFaces faces) {
        return faces.own(ownReader);
    }

    /** Every face of {@code faces} set to {@code aus}, pasted back into the photo. */
    public EditedPhoto edit(PhotoFaces faces, AuVector aus) {
        return edit(faces, FaceExpression.absolute(aus));
    }

    /**
     * Every face of {@code faces} edited to what {@code expression} asks of it, pasted back into the photo.
     * A face asked for its own expression stays bit-identical.
     */
    public EditedPhoto edit(PhotoFaces faces, FaceExpression expression) {
        List<RgbImage> inputs = faces.inputs(model.inputSize());
        List<AuVector> own = own(faces);
        List<AuVector> targets = new ArrayList<>(inputs.size());
        for (AuVector o : own) {
            targets.add(expression.target(o));
        }
        List<Rendering> renders = model.renderBatch(inputs, targets);
        return paste(faces, inputs, own, targets, renders);
    }

    /**
     * Each face of {@code faces} edited to its own target ({@code targets.get(i)} for face i), pasted back into the
     * photo: the studio's per-face edits. Faces asked for their own expression are not rendered again and stay
     * bit-identical.
     */
    public EditedPhoto edit(PhotoFaces faces, List<AuVector> targets) {
        if (targets.size() != faces.count()) {
            throw new IllegalArgumentException(targets.size() + " targets for " + faces.count() + " faces");
        }
        List<RgbImage> inputs = faces.inputs(model.inputSize());
        List<AuVector> own = own(faces);
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            if (!targets.get(i).equals(own.get(i))) {
                changed.add(i);
            }
        }
        List<Rendering> fresh = changed.isEmpty() ? List.of()
                : model.renderBatch(changed.stream().map(inputs::get).toList(), changed.stream().map(targets::get).toList());
        List<Rendering> renders = new ArrayList<>(targets.size());
        for (int i = 0, k = 0; i < targets.size(); i++) {
            // an untouched face keeps the (cached) rendering at its own expression: nothing is pasted for it
            renders.add(k < changed.size() && changed.get(k) == i ? fresh.get(k++) : faces.atOwn(i, model, own.get(i)));
        }
        return paste(faces, inputs, own, List.copyOf(targets), renders);
    }

    /**
     * Face {@code face}'s aligned crop as each AU vector leaves it: the change from the face's own expression,
     * on the crop itself (sheets, strips, face-only animations). At the face's own AUs it is the crop.
     */
    public List<RgbImage> editedCrops(PhotoFaces faces, int face, List<AuVector> aus) {
        RgbImage input = faces.inputs(model.inputSize()).get(face);
        AuVector own = own(faces).get(face);
        Rendering before = faces.atOwn(face, model, own);
        List<RgbImage> out = new ArrayList<>(aus.size());
        for (Rendering r : model.renderAll(input, aus)) {
            out.add(FacePaster.editedCrop(input, before.composite(), r.composite(), guardColor));
        }
        return out;
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
        animate(faces, own -> frames, cancelled, sink);
    }

    /**
     * Like {@link #animate(PhotoFaces, List, BooleanSupplier, FrameSink)}, with each face's frames made from its
     * own expression (every face's list must have the same length).
     */
    public void animate(PhotoFaces faces, java.util.function.Function<AuVector, List<AuVector>> framesOf,
                        BooleanSupplier cancelled, FrameSink sink) throws Exception {
        List<AuVector> own = own(faces);
        animateFaces(faces, i -> framesOf.apply(own.get(i)), cancelled, sink);
    }

    /** Like {@link #animate(PhotoFaces, List, BooleanSupplier, FrameSink)}, with face i's frames from {@code framesOf(i)}. */
    public void animateFaces(PhotoFaces faces, java.util.function.IntFunction<List<AuVector>> framesOf,
                             BooleanSupplier cancelled, FrameSink sink) throws Exception {
        List<RgbImage> inputs = faces.inputs(model.inputSize());
        List<AuVector> own = own(faces);
        List<List<AuVector>> frames = new ArrayList<>(own.size());
        for (int i = 0; i < own.size(); i++) {
            frames.add(framesOf.apply(i));
        }
        int count = frames.get(0).size();
        for (List<AuVector> f : frames) {
            if (f.size() != count) {
                throw new IllegalArgumentException("every face's animation must have the same number of frames");
            }
        }
        int batch = ExpressionModel.DEFAULT_MAX_BATCH;
        for (int start = 0; start < count; start += batch) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("the animation was cancelled");
            }
            int end = Math.min(count, start + batch);
            List<List<Rendering>> perFace = new ArrayList<>(inputs.size());
            for (int f = 0; f < inputs.size(); f++) {
                perFace.add(model.renderAll(inputs.get(f), frames.get(f).subList(start, end)));
            }
            for (int i = 0; i < end - start; i++) {
                List<Rendering> renders = new ArrayList<>(inputs.size());
                List<AuVector> targets = new ArrayList<>(inputs.size());
                for (int f = 0; f < inputs.size(); f++) {
                    renders.add(perFace.get(f).get(i));
                    targets.add(frames.get(f).get(start + i));
                }
                sink.accept(start + i, paste(faces, inputs, own, targets, renders));
            }
        }
    }

    /** Largest crop side an edit is redone at: beyond it the photo's pixels are finer than any expression. */
    static final int MAX_SHARP_SIZE = 768;

    /** The side, in photo pixels, of the face's crop region, capped at {@link #MAX_SHARP_SIZE}. */
    static int sharpSize(org.ganimationstudio.face.FaceCrop crop) {
        return (int) Math.min(MAX_SHARP_SIZE, Math.round(crop.side()));
    }

    /** Each face's change from its own expression to its target, pasted into the photo. */
    private EditedPhoto paste(PhotoFaces faces, List<RgbImage> inputs, List<AuVector> own, List<AuVector> targets,
                              List<Rendering> renders) {
        Photo out = faces.photo();
        List<RgbImage> crops = new ArrayList<>(renders.size());
        for (int i = 0; i < renders.size(); i++) {
            RgbImage edited = inputs.get(i);
            if (!targets.get(i).equals(own.get(i))) { // asked for the face as it is: not one pixel changes
                Rendering before = faces.atOwn(i, model, own.get(i));
                Rendering after = renders.get(i);
                edited = FacePaster.editedCrop(inputs.get(i), before.composite(), after.composite(), guardColor);
                int sharp = sharpSize(faces.crops().get(i));
                if (edited != inputs.get(i) && before.resamples() && after.resamples() && sharp > model.inputSize()) {
                    // The design moves the photo's own pixels: do it on a crop at the photo's resolution.
                    RgbImage big = faces.input(i, sharp);
                    RgbImage bigEdited = FacePaster.editedCrop(big, before.sharpOn(big), after.sharpOn(big), guardColor);
                    if (bigEdited != big) {
                        out = FacePaster.pasteCrop(out, faces.crops().get(i), big, bigEdited);
                    }
                    crops.add(edited);
                    continue;
                }
            }
            if (edited != inputs.get(i)) {
                out = FacePaster.pasteCrop(out, faces.crops().get(i), inputs.get(i), edited);
            }
            crops.add(edited);
        }
        return new EditedPhoto(out, renders, List.copyOf(crops));
    }
}
