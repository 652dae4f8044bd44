package org.ganimationstudio.model;

/**
 * Dense displacement fields: bilinear upsampling (pixel centres aligned, as PyTorch's
 * {@code align_corners=False}) and backward warping of planar images with the edge pixels repeated.
 */
public final class FlowFields {

    private FlowFields() {
    }

    /** One plane of {@code w × h} values starting at {@code offset}, resampled to {@code outW × outH}. */
    public static float[] upsample(float[] src, int offset, int w, int h, int outW, int outH) {
        float[] out = new float[outW * outH];
        double sx = (double) w / outW;
        double sy = (double) h / outH;
        for (int y = 0; y < outH; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            float ty = (float) (fy - y0);
            for (int x = 0; x < outW; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                float tx = (float) (fx - x0);
                float top = src[offset + y0 * w + x0] * (1 - tx) + src[offset + y0 * w + x1] * tx;
                float bottom = src[offset + y1 * w + x0] * (1 - tx) + src[offset + y1 * w + x1] * tx;
                out[y * outW + x] = top * (1 - ty) + bottom * ty;
            }
        }
        return out;
    }

    /**
     * {@code out(p) = image(p + d(p))} for the 3 planes of a {@code w × h} image, bilinearly sampled, where the
     * displacement is {@code (dx, dy)} in units of {@code unit} pixels.
     */
    public static void warp(float[] image, int offset, int w, int h, float[] dx, float[] dy, double unit,
                            float[] out, int outOffset) {
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double sx = Math.max(0, Math.min(w - 1, x + dx[i] * unit));
                double sy = Math.max(0, Math.min(h - 1, y + dy[i] * unit));
                int x0 = Math.min((int) sx, w - 2 < 0 ? 0 : w - 2);
                int y0 = Math.min((int) sy, h - 2 < 0 ? 0 : h - 2);
                int x1 = Math.min(x0 + 1, w - 1);
                int y1 = Math.min(y0 + 1, h - 1);
                float tx = (float) (sx - x0);
                float ty = (float) (sy - y0);
                for (int c = 0; c < 3; c++) {
                    int base = offset + c * plane;
                    float top = image[base + y0 * w + x0] * (1 - tx) + image[base + y0 * w + x1] * tx;
                    float bottom = image[base + y1 * w + x0] * (1 - tx) + image[base + y1 * w + x1] * tx;
                    out[outOffset + c * plane + i] = top * (1 - ty) + bottom * ty;
                }
            }
        }
    }

    /**
     * One plane of {@code w × h} values starting at {@code offset}, shrunk to {@code outW × outH} by area means:
     * each output value is the mean of the input over its cell, input pixels shared between cells weighed by
     * how much of them each cell covers (2 × 2 means when the size halves).
     */
    public static float[] shrink(float[] src, int offset, int w, int h, int outW, int outH) {
        float[] rows = new float[w * outH];
        for (int x = 0; x < w; x++) {
            meansAlong(src, offset + x, w, h, rows, x, w, outH);
        }
        float[] out = new float[outW * outH];
        for (int y = 0; y < outH; y++) {
            meansAlong(rows, y * w, 1, w, out, y * outW, 1, outW);
        }
        return out;
    }

    /** Area means along one line of {@code n} values (stride {@code step}) into {@code outN} values. */
    private static void meansAlong(float[] src, int start, int step, int n, float[] out, int outStart, int outStep, int outN) {
        double scale = (double) n / outN;
        for (int o = 0; o < outN; o++) {
            double lo = o * scale;
            double hi = (o + 1) * scale;
            double sum = 0;
            for (int j = (int) Math.floor(lo); j < Math.min(n, (int) Math.ceil(hi)); j++) {
                sum += src[start + j * step] * (Math.min(hi, j + 1) - Math.max(lo, j));
            }
            out[outStart + o * outStep] = (float) (sum / scale);
        }
    }
}
