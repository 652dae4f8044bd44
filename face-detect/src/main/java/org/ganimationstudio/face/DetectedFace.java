package org.ganimationstudio.face;

import java.awt.geom.AffineTransform;

/**
 * A face found in a photo (or drawn by the user), in photo pixels.
 *
 * @param id          stable within one photo: {@code face-1} is the largest face, then by size
 * @param x           left of the face box
 * @param y           top of the face box
 * @param size        side of the (square) face box; with {@code rollDegrees} it places the model's crop
 *                    (docs/CROP_GEOMETRY.md)
 * @param rollDegrees head roll (positive: the right side of the image is lower); any angle, a face upside
 *                    down is at 180
 * @param eyesFound   whether the roll was measured (from two eyes or from landmarks)
 * @param confidence  the finder's score, 0–1 (1 where there is none: a drawn box, a Haar face)
 * @param landmarks   the face's 68 points, or null when the finder gives none (Haar, a drawn box)
 */
public record DetectedFace(String id, double x, double y, double size, double rollDegrees, boolean eyesFound,
                           double confidence, FaceLandmarks landmarks) {

    /** A face without landmarks, as the Haar cascades find it. */
    public DetectedFace(String id, double x, double y, double size, double rollDegrees, boolean eyesFound) {
        this(id, x, y, size, rollDegrees, eyesFound, 1.0, null);
    }

    /** A user-drawn box (no roll). */
    public static DetectedFace drawn(double x, double y, double width, double height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a face box needs a positive width and height");
        }
        double side = Math.max(width, height);
        return new DetectedFace("drawn", x + (width - side) / 2, y + (height - side) / 2, side, 0, false);
    }

    public double centerX() {
        return x + size / 2;
    }

    public double centerY() {
        return y + size / 2;
    }

    /** The same face in the photo scaled by {@code s}. */
    public DetectedFace scaled(double s) {
        return new DetectedFace(id, x * s, y * s, size * s, rollDegrees, eyesFound, confidence,
                landmarks == null ? null : landmarks.transformed(AffineTransform.getScaleInstance(s, s)));
    }

    /** The same face under another id. */
    public DetectedFace withId(String newId) {
        return new DetectedFace(newId, x, y, size, rollDegrees, eyesFound, confidence, landmarks);
    }
}
