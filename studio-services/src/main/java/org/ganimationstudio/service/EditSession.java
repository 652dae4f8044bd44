package org.ganimationstudio.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.ganimationstudio.model.AuVector;

/**
 * One photo being edited: which face, the AU values the sliders show, and the undo/redo history.
 * Plain state and rules, no rendering and no UI: a slider drag is one {@link #preview} per move and
 * one {@link #commit} on release, so undo steps back a whole drag, not every pixel of it. The listener
 * hears a drag's moves as {@link RenderQuality#DRAFT} and everything settled as {@link RenderQuality#FINAL}.
 */
public final class EditSession {

    /** Hears the AUs to show and whether they are still moving. */
    @FunctionalInterface
    public interface Listener {
        void shown(AuVector aus, RenderQuality quality);
    }

    /** Longest history kept; older steps are forgotten. */
    public static final int MAX_HISTORY = 200;

    private final PhotoFaces faces;
    private int face;
    private AuVector committed;
    private AuVector shown;
    private final Deque<AuVector> undo = new ArrayDeque<>();
    private final Deque<AuVector> redo = new ArrayDeque<>();
    private Listener listener = (v, q) -> { };
    /** The last values the listener heard were a drag's (so a commit must still settle them). */
    private boolean draftShown;

    /** @param start the AUs the sliders start at (the face's own, or all 0) */
    public EditSession(PhotoFaces faces, AuVector start) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("a session needs a photo with at least one face");
        }
        this.faces = faces;
        this.committed = Objects.requireNonNull(start);
        this.shown = start;
    }

    /** Called with the AUs to show whenever they change (preview, commit, undo, redo). */
    public void onChange(Listener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    public PhotoFaces faces() {
        return faces;
    }

    /** The chosen face alone, as the editor takes it. */
    public PhotoFaces chosenFace() {
        return faces.choose(Integer.toString(face + 1));
    }

    /** Index (0-based) of the face being edited. */
    public int face() {
        return face;
    }

    public void chooseFace(int index) {
        if (index < 0 || index >= faces.count()) {
            throw new IllegalArgumentException("face " + (index + 1) + " of " + faces.count());
        }
        face = index;
        show(shown, RenderQuality.FINAL);
    }

    /** The AUs on screen (during a drag, not yet in the history). */
    public AuVector shown() {
        return shown;
    }

    /** A slider moving: shown now as a draft, recorded on {@link #commit}. */
    public void preview(AuVector aus) {
        show(Objects.requireNonNull(aus), RenderQuality.DRAFT);
    }

    private void show(AuVector aus, RenderQuality quality) {
        shown = aus;
        draftShown = quality == RenderQuality.DRAFT;
        listener.shown(shown, quality);
    }

    /** Records what is shown as one undoable step (a slider released, a preset, a reset) and shows it settled. */
    public void commit() {
        if (draftShown) {
            show(shown, RenderQuality.FINAL);
        }
        if (shown.equals(committed)) {
            return;
        }
        undo.push(committed);
        while (undo.size() > MAX_HISTORY) {
            undo.removeLast();
        }
        redo.clear();
        committed = shown;
    }

    /** Sets all AUs as one step: presets, reset, neutralise, read from photo. */
    public void set(AuVector aus) {
        show(Objects.requireNonNull(aus), RenderQuality.FINAL);
        commit();
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public void undo() {
        if (!shown.equals(committed)) {
            // an uncommitted drag is dropped first
            show(committed, RenderQuality.FINAL);
            return;
        }
        if (undo.isEmpty()) {
            return;
        }
        redo.push(committed);
        committed = undo.pop();
        show(committed, RenderQuality.FINAL);
    }

    public void redo() {
        if (redo.isEmpty()) {
            return;
        }
        undo.push(committed);
        committed = redo.pop();
        show(committed, RenderQuality.FINAL);
    }
}
