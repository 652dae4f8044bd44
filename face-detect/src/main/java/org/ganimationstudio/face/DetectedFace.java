package org.ganimationstudio.face;

/**
 * A face found in a photo (or drawn by the user), in photo pixels.
 *
 * @param id          stable within one photo: {@code face-1} is the largest face, then by size
 * @param x           left of the face box
 * @param y           top of the face box
 * @param size        side of the (square) face box
 * @param rollDegrees head roll measured from the eyes (positive: the right side of the image is lower),
 *                    0 when the eyes were not found
 * @param eyesFound   whether the roll comes from two detected eyes
 */
public record DetectedFace(String id, double x, double y, double size, double rollDegrees, boolean eyesFound) {

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
}
