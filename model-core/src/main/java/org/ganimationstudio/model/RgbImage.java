package org.ganimationstudio.model;

import java.awt.image.BufferedImage;

/** An RGB image as planar float channels (R plane, G plane, B plane), values in [0, 1]. Immutable. */
public final class RgbImage {

    private final int width;
    private final int height;
    private final float[] planes;

    private RgbImage(int width, int height, float[] planes) {
        this.width = width;
        this.height = height;
        this.planes = planes;
    }

    /** Wraps a copy of {@code planes} (length 3 * width * height, R then G then B). */
    public static RgbImage ofPlanes(int width, int height, float[] planes) {
        if (width <= 0 || height <= 0 || planes.length != 3 * width * height) {
            throw new IllegalArgumentException("expected 3 x " + width + " x " + height + " values, got " + planes.length);
        }
        return new RgbImage(width, height, planes.clone());
    }

    static RgbImage wrap(int width, int height, float[] planes) {
        return new RgbImage(width, height, planes);
    }

    /** Any BufferedImage (alpha is dropped) to linear-coded RGB values / 255. */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] p = new float[3 * w * h];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            int c = argb[i];
            p[i] = ((c >> 16) & 0xff) / 255f;
            p[plane + i] = ((c >> 8) & 0xff) / 255f;
            p[2 * plane + i] = (c & 0xff) / 255f;
        }
        return new RgbImage(w, h, p);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = (toByte(planes[i]) << 16) | (toByte(planes[plane + i]) << 8) | toByte(planes[2 * plane + i]);
        }
        out.setRGB(0, 0, width, height, rgb, 0, width);
        return out;
    }

    static int toByte(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Channel c (0 R, 1 G, 2 B) at (x, y). */
    public float get(int c, int x, int y) {
        return planes[(c * height + y) * width + x];
    }

    /** A copy of the planar values. */
    public float[] toPlanes() {
        return planes.clone();
    }

    float[] planes() {
        return planes;
    }
}
