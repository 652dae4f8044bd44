package org.ganimationstudio.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ganimationstudio.face.DetectedFace;
import org.ganimationstudio.face.FaceCrop;
import org.ganimationstudio.face.FaceCropper;
import org.ganimationstudio.face.FaceDetector;
import org.ganimationstudio.face.Photo;
import org.ganimationstudio.model.RgbImage;

/**
 * A photo and the faces to edit in it, detected once: every render, animation frame or AU reading of
 * the photo reuses the same crops (cut once per model input size).
 */
public final class PhotoFaces {

    private final Photo photo;
    private final List<DetectedFace> faces;
    private final List<FaceCrop> crops;
    private final Map<Integer, List<RgbImage>> inputsBySize = new HashMap<>();

    private PhotoFaces(Photo photo, List<DetectedFace> faces) {
        this.photo = photo;
        this.faces = List.copyOf(faces);
        this.crops = faces.stream().map(FaceCrop::of).toList();
    }

    /** Every face the detector finds (possibly none), largest first. */
    public static PhotoFaces detect(Photo photo, FaceDetector detector) {
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
        return new PhotoFaces(photo, List.of(faces.get(n - 1)));
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
        List<DetectedFace> scaled = faces.stream().map(f -> new DetectedFace(f.id(), f.x() * sx, f.y() * sx,
                f.size() * sx, f.rollDegrees(), f.eyesFound())).toList();
        return new PhotoFaces(small, scaled);
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
    public synchronized List<RgbImage> inputs(int size) {
        return inputsBySize.computeIfAbsent(size, s -> {
            List<RgbImage> out = new ArrayList<>(crops.size());
            for (FaceCrop c : crops) {
                out.add(FaceCropper.extract(photo, c, s));
            }
            return List.copyOf(out);
        });
    }

    /** Thrown when a photo has no face to edit. */
    public static final class NoFaceException extends IllegalArgumentException {
        NoFaceException(String name) {
            super("no face found in " + name + "; point one out with a box around it");
        }
    }
}
