package org.ganimationstudio.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.Rendering;
import org.ganimationstudio.face.DetectedFace;
import org.ganimationstudio.face.FaceCrop;
import org.ganimationstudio.face.FaceCropper;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.face.Photo;
import org.ganimationstudio.model.RgbImage;

/**
 * A photo and the faces to edit in it, detected once: every render, animation frame or AU reading of
 * the photo reuses the same crops (cut once per model input size), each face's own expression (read
 * once) and each generator's rendering of the face at that expression (made once).
 */
public final class PhotoFaces {

    private final Photo photo;
    private final List<DetectedFace> faces;
    private final List<FaceCrop> crops;
    /** Per face, shared with the faces {@link #choose} picks out, so what is computed once stays computed. */
    private final List<FaceState> states;

    /** What is computed once for one face of this photo. */
    static final class FaceState {
        final FaceCrop crop;
        final Map<Integer, RgbImage> inputBySize = new HashMap<>();
        AuVector own;
        final Map<ExpressionModel, Rendering> atOwn = new WeakHashMap<>();

        FaceState(FaceCrop crop, AuVector own) {
            this.crop = crop;
            this.own = own;
        }
    }

    private PhotoFaces(Photo photo, List<DetectedFace> faces) {
        this.photo = photo;
        this.faces = List.copyOf(faces);
        this.crops = faces.stream().map(FaceCrop::of).toList();
        this.states = crops.stream().map(c -> new FaceState(c, null)).toList();
    }

    private PhotoFaces(Photo photo, List<DetectedFace> faces, List<FaceState> states) {
        this.photo = photo;
        this.faces = List.copyOf(faces);
        this.states = List.copyOf(states);
        this.crops = this.states.stream().map(s -> s.crop).toList();
    }

    /** Every face the detector finds (possibly none), largest first. */
    public static PhotoFaces detect(Photo photo, FaceFinder detector) {
        return new PhotoFaces(photo, detector.detect(photo));
    }

    /** One face the user points out, as a box in photo pixels. */
    public static PhotoFaces withBox(Photo photo, int x, int y, int width, int height) {
        // in long arithmetic: x + width of two large ints must not wrap round to a small number
        if (width <= 0 || height <= 0 || x < 0 || y < 0 || (long) x + width > photo.width()
                || (long) y + height > photo.height()) {
            throw new IllegalArgumentException("the box " + x + "," + y + "," + width + "," + height
                    + " is not inside the " + photo.width() + "x" + photo.height() + " photo");
        }
        return new PhotoFaces(photo, List.of(DetectedFace.drawn(x, y, width, height)));
    }

    /** Parses {@code X,Y,W,H}. */
    public static PhotoFaces withBox(Photo photo, String box) {
        String[] p = box.split(",");
        if (p.length != 4) {
            throw new IllegalArgumentException("a face box is X,Y,W,H in pixels, got '" + box + "'");
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Integer.parseInt(p[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a face box takes whole pixels, got '" + box + "'");
            }
        }
        return withBox(photo, v[0], v[1], v[2], v[3]);
    }

    /**
     * The faces to edit: {@code "all"} or a face number (1 = the largest).
     *
     * @throws NoFaceException when the photo has no face at all
     */
    public PhotoFaces choose(String which) {
        if (faces.isEmpty()) {
            throw new NoFaceException(photo.source() == null ? "the photo" : photo.source().getFileName().toString());
        }
        if (which == null || "all".equalsIgnoreCase(which.trim())) {
            return this;
        }
        int n;
        try {
            n = Integer.parseInt(which.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("choose a face by number or 'all', got '" + which + "'");
        }
        if (n < 1 || n > faces.size()) {
            throw new IllegalArgumentException("face " + n + " was asked for; the photo has " + faces.size() + " face(s)");
        }
        return new PhotoFaces(photo, List.of(faces.get(n - 1)), List.of(states.get(n - 1)));
    }

    /**
     * The same photo and faces at most {@code maxSide} pixels on its long side (itself when already
     * that small): a live preview of a large photo pastes into far fewer pixels, and exports still
     * use the full photo, whose faces are the same in the same order.
     */
    public PhotoFaces scaledTo(int maxSide) {
        Photo small = photo.scaledTo(maxSide);
        if (small == photo) {
            return this;
        }
        double sx = (double) small.width() / photo.width();
        List<DetectedFace> scaled = faces.stream().map(f -> f.scaled(sx)).toList();
        List<FaceState> smallStates = new ArrayList<>(scaled.size());
        for (int i = 0; i < scaled.size(); i++) {
            // the same face: its own expression reads the same at any size
            smallStates.add(new FaceState(FaceCrop.of(scaled.get(i)), states.get(i).own));
        }
        return new PhotoFaces(small, scaled, smallStates);
    }

    public Photo photo() {
        return photo;
    }

    public List<DetectedFace> faces() {
        return faces;
    }

    public List<FaceCrop> crops() {
        return crops;
    }

    public int count() {
        return faces.size();
    }

    public boolean isEmpty() {
        return faces.isEmpty();
    }

    /** The aligned crop of every face at {@code size} pixels, cut once and kept. */
    public List<RgbImage> inputs(int size) {
        List<RgbImage> out = new ArrayList<>(states.size());
        for (int i = 0; i < states.size(); i++) {
            out.add(input(i, size));
        }
        return List.copyOf(out);
    }

    /** Face {@code index}'s aligned crop at {@code size} pixels, cut once and kept. */
    public RgbImage input(int index, int size) {
        FaceState s = states.get(index);
        synchronized (s) {
            return s.inputBySize.computeIfAbsent(size, z -> FaceCropper.extract(photo, s.crop, z));
        }
    }

    /**
     * Each face's own expression, as {@code reader} reads it the first time it is asked for (and then kept);
     * all AUs at 0 when there is no reader.
     */
    public List<AuVector> own(FaceAuReader reader) {
        List<AuVector> out = new ArrayList<>(states.size());
        for (int i = 0; i < states.size(); i++) {
            FaceState s = states.get(i);
            AuVector known;
            synchronized (s) {
                known = s.own;
            }
            if (known == null && reader != null) {
                AuVector read = reader.read(this, i); // outside the lock: it cuts crops of every face
                synchronized (s) {
                    if (s.own == null) {
                        s.own = read;
                    }
                    known = s.own;
                }
            }
            out.add(known == null ? AuVector.zero() : known);
        }
        return out;
    }

    /** Sets face {@code index}'s own expression (the studio reads it once, when a photo opens). */
    public void setOwn(int index, AuVector own) {
        FaceState s = states.get(index);
        synchronized (s) {
            s.own = java.util.Objects.requireNonNull(own);
            s.atOwn.clear();
        }
    }

    /** {@code model}'s rendering of face {@code index} at {@code own}, made once per model and kept. */
    Rendering atOwn(int index, ExpressionModel model, AuVector own) {
        FaceState s = states.get(index);
        RgbImage input = inputs(model.inputSize()).get(index);
        synchronized (s) {
            Rendering r = s.atOwn.get(model);
            if (r == null || !own.equals(s.own == null ? AuVector.zero() : s.own)) {
                r = model.render(input, own);
                if (own.equals(s.own == null ? AuVector.zero() : s.own)) {
                    s.atOwn.put(model, r);
                }
            }
            return r;
        }
    }

    /** Thrown when a photo has no face to edit. */
    public static final class NoFaceException extends IllegalArgumentException {
        NoFaceException(String name) {
            super("no face found in " + name + "; point one out with a box around it");
        }
    }
}
