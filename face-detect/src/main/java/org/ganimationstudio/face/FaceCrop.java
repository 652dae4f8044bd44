package org.ganimationstudio.face;

import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import java.awt.Rectangle;

/**
 * A square, roll-aligned region of a photo that becomes one model input.
 *
 * @param centerX  centre in photo pixels
 * @param centerY  centre in photo pixels
 * @param side     side of the square in photo pixels
 * @param rollDegrees rotation of the square (the head's roll)
 * @param landmarks the face's landmarks in photo pixels, or null: with them an edit is pasted through the face's
 *                  outline ({@link FaceMask}), without them through the feathered square
 */
public record FaceCrop(double centerX, double centerY, double side, double rollDegrees, FaceLandmarks landmarks) {

    /** A crop without landmarks. */
    public FaceCrop(double centerX, double centerY, double side, double rollDegrees) {
        this(centerX, centerY, side, rollDegrees, null);
    }

    /** The crop of a face box under a crop geometry. */
    public static FaceCrop of(DetectedFace face, CropGeometry geometry) {
        double side = face.size() * geometry.scale();
        double shift = face.size() * geometry.shiftY();
        double a = Math.toRadians(face.rollDegrees());
        // Shift "down" in the face's own frame, so a tilted head keeps its chin in the crop.
        return new FaceCrop(face.centerX() - shift * Math.sin(a), face.centerY() + shift * Math.cos(a), side,
                face.rollDegrees(), face.landmarks());
    }

    public static FaceCrop of(DetectedFace face) {
        return of(face, CropGeometry.standard());
    }

    /** Photo pixel coordinates to crop pixel coordinates for a crop of {@code size} pixels. */
    public AffineTransform photoToCrop(int size) {
        AffineTransform t = new AffineTransform();
        t.translate(size / 2.0, size / 2.0);
        t.scale(size / side, size / side);
        t.rotate(-Math.toRadians(rollDegrees));
        t.translate(-centerX, -centerY);
        return t;
    }

    public AffineTransform cropToPhoto(int size) {
        try {
            return photoToCrop(size).createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The photo pixels the crop covers (bounding box of the rotated square), clipped to the photo. */
    public Rectangle bounds(int photoWidth, int photoHeight) {
        AffineTransform t = cropToPhoto(1);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] c : new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
            Point2D p = t.transform(new Point2D.Double(c[0], c[1]), null);
            minX = Math.min(minX, p.getX());
            minY = Math.min(minY, p.getY());
            maxX = Math.max(maxX, p.getX());
            maxY = Math.max(maxY, p.getY());
        }
        int x0 = Math.max(0, (int) Math.floor(minX) - 1);
        int y0 = Math.max(0, (int) Math.floor(minY) - 1);
        int x1 = Math.min(photoWidth, (int) Math.ceil(maxX) + 1);
        int y1 = Math.min(photoHeight, (int) Math.ceil(maxY) + 1);
        return new Rectangle(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }
}
