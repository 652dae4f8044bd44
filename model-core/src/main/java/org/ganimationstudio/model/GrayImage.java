package org.ganimationstudio.model;

import java.awt.image.BufferedImage;

/** A single-channel float image with values in [0, 1], such as the attention mask A. Immutable. */
public final class GrayImage {

    private final int width;
    private final int height;
    private final float[] values;

    private GrayImage(int width, int height, float[] values) {
        this.width = width;
        this.height = height;
        this.values = values;
    }

    /** Wraps a copy of {@code values} (row-major, length width * height). */
    public static GrayImage of(int width, int height, float[] values) {
        if (width <= 0 || height <= 0 || values.length != width * height) {
            throw new IllegalArgumentException("expected " + width + " x " + height + " values, got " + values.length);
        }
        return new GrayImage(width, height, values.clone());
    }

    static GrayImage wrap(int width, int height, float[] values) {
        return new GrayImage(width, height, values);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public float get(int x, int y) {
        return values[y * width + x];
    }

    public float[] toArray() {
        return values.clone();
    }

    public double mean() {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The mask as an 8-bit grey picture (white = 1). */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        int[] px = new int[values.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = RgbImage.toByte(values[i]);
        }
        out.getRaster().setSamples(0, 0, width, height, 0, px);
        return out;
    }
}
