package org.ganimationstudio.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ganimationstudio.model.AuVector;

/**
 * Every face of one photo, each with an edit of its own: its AU values, its undo history, and which face
 * the sliders edit now. Choosing a face never changes another face's edit. Each face starts at its own
 * expression (as photographed), so a photo is shown untouched until a face is edited. Plain state, no
 * rendering and no UI.
 */
public final class PhotoEdit {

    /** Hears which face changed, the AUs of every face to show, and whether the change is still moving. */
    @FunctionalInterface
    public interface Listener {
        void changed(int face, List<AuVector> targets, RenderQuality quality);
    }

    private final PhotoFaces faces;
    private final List<AuVector> own;
    private final List<EditSession> sessions;
    private int selected;
    private List<AuVector> saved;
    private Listener listener = (f, t, q) -> { };

    /**
     * @param faces the photo's faces (at least one), largest first
     * @param own   each face's own expression, the start of its edit
     */
    public PhotoEdit(PhotoFaces faces, List<AuVector> own) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("a photo edit needs at least one face");
        }
        if (own.size() != faces.count()) {
            throw new IllegalArgumentException(own.size() + " readings for " + faces.count() + " faces");
        }
        this.faces = faces;
        this.own = List.copyOf(own);
        List<EditSession> list = new ArrayList<>(own.size());
        for (int i = 0; i < own.size(); i++) {
            EditSession s = new EditSession(faces, own.get(i));
            s.chooseFace(i);
            int face = i;
            s.onChange((aus, quality) -> listener.changed(face, targets(), quality));
            list.add(s);
        }
        this.sessions = List.copyOf(list);
        this.saved = this.own;
    }

    /** Called whenever any face's shown AUs change. */
    public void onChange(Listener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    public PhotoFaces faces() {
        return faces;
    }

    public int count() {
        return sessions.size();
    }

    /** The face the sliders edit (0 = the largest). */
    public int selected() {
        return selected;
    }

    /** Makes face {@code index} the one the sliders edit; every face keeps its own edit. */
    public void select(int index) {
        if (index < 0 || index >= sessions.size()) {
            throw new IllegalArgumentException("face " + (index + 1) + " of " + sessions.size());
        }
        selected = index;
    }

    /** Face {@code index}'s edit, with its own history. */
    public EditSession session(int index) {
        return sessions.get(index);
    }

    /** The selected face's edit. */
    public EditSession current() {
        return sessions.get(selected);
    }

    /** Face {@code index}'s own expression, as photographed. */
    public AuVector own(int index) {
        return own.get(index);
    }

    /** What every face shows now, face i at index i. */
    public List<AuVector> targets() {
        List<AuVector> out = new ArrayList<>(sessions.size());
        for (EditSession s : sessions) {
            out.add(s.shown());
        }
        return List.copyOf(out);
    }

    /** Whether face {@code index} differs from how it was photographed. */
    public boolean isEdited(int index) {
        return !sessions.get(index).shown().equals(own.get(index));
    }

    /** Whether any face differs from what was last saved (or, before any save, from the photo). */
    public boolean hasUnsavedChanges() {
        return !targets().equals(saved);
    }

    /** Records what every face shows as saved (an export wrote it). */
    public void markSaved() {
        saved = targets();
    }

    /** Records {@code written} (the faces an export wrote, maybe older than what is shown now) as saved. */
    public void markSaved(List<AuVector> written) {
        if (written.size() != sessions.size()) {
            throw new IllegalArgumentException(written.size() + " faces saved of " + sessions.size());
        }
        saved = List.copyOf(written);
    }
}
