package org.ganimationstudio.model;

import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A generator that builds C from the photo itself: the network predicts a smooth flow field F at low
 * resolution, a colour residual ΔC and the attention A, and {@code C = warp(I, F) + ΔC}. Moving the
 * face's own pixels keeps its colour and identity; the residual paints only what a warp cannot (teeth,
 * the mouth's inside, eyelids).
 *
 * <p>Outputs: F as N×2×h×w (x then y displacement, in units of the crop's side, sampled backwards:
 * {@code C(p) = I(p + F(p))}), ΔC as N×3×size×size on the input's [-1, 1] scale, A as N×1×size×size.
 * Each rendering can redo its edit on a larger crop of the face ({@link Rendering#sharpOn}), moving the
 * photo's own full-resolution pixels.
 *
 * <p>With soft paint ({@value #SOFT_PAINT_NAME}), the warped photo is softened where the residual paints
 * (its largest channel change from {@value #PAINT_FROM} to {@value #PAINT_TO}, smoothstep): the residual is
 * painted at half the model's size and cannot cancel the photo's finer detail, so without this an iris or a
 * lash line shows through a lid painted over it. Softened means 2 × 2 means at the model's size, bilinearly
 * back up, on any crop (cells of the same share of the side), as training's {@code network.colour_mask}.
 *
 * <p>With lift ({@value #LIFT_NAME}), the network also says where new pixels (closed lids) come from: F has
 * 4 channels (F, then a source flow F2 relative to it) and ΔC 4 (ΔC, then a paint mask P in [0, 1]). P paints
 * from {@value #LIFT_FROM} and wholly from {@value #LIFT_TO} (P'), {@code C = warp(I, F) + P'·(soften(warp(I,
 * F + F2)) − warp(I, F)) + ΔC/2}, and the attention keeps {@code A·(1 − P')} of the photo: a closing lid is the
 * face's own skin from above the eye, softened, and nothing of the sharp iris under it shows through.
 */
final class WarpResidualGeneratorDesign implements GeneratorDesign {

    static final String NAME = "warp-residual-generator";
    static final String SOFT_PAINT_NAME = "warp-soft-paint-generator";
    static final String LIFT_NAME = "warp-lift-generator";
    static final float PAINT_FROM = 0.03f;
    static final float PAINT_TO = 0.12f;
    static final float LIFT_FROM = 0.15f;
    static final float LIFT_TO = 0.75f;

    /** How C is made from the warped photo and the residual, and the channels of flow and residual it reads. */
    enum Composition {
        PLAIN(NAME, 2, 3), SOFT_PAINT(SOFT_PAINT_NAME, 2, 3), LIFT(LIFT_NAME, 4, 4);

        final String designName;
        final int flowChannels;
        final int residualChannels;

        Composition(String designName, int flowChannels, int residualChannels) {
            this.designName = designName;
            this.flowChannels = flowChannels;
            this.residualChannels = residualChannels;
        }
    }

    private final Composition composition;

    WarpResidualGeneratorDesign(Composition composition) {
        this.composition = composition;
    }

    @Override
    public String name() {
        return composition.designName;
    }

    @Override
    public void checkArchitecture(ModelMetadata.Architecture a, JsonNode embedded, String file) {
        // Nothing beyond the fields every generator has: the probe forward pass checks the output shapes.
    }

    @Override
    public GeneratorOutput decode(NDList out, float[] faces, int n, int size) {
        if (out.size() != 3) {
            throw new IllegalStateException("expected the outputs (flow, colour residual, attention), got " + out.size());
        }
        Shape flowShape = out.get(0).getShape();
        if (flowShape.dimension() != 4 || flowShape.get(0) != n || flowShape.get(1) != composition.flowChannels
                || flowShape.get(2) < 1 || flowShape.get(2) > size || flowShape.get(3) < 1 || flowShape.get(3) > size) {
            throw new IllegalStateException("the flow output has shape " + flowShape + ", expected (" + n
                    + ", " + composition.flowChannels + ", h, w) with h and w up to " + size);
        }
        TorchScriptNetwork.expectShape("colour residual", out.get(1), new Shape(n, composition.residualChannels, size, size));
        TorchScriptNetwork.expectShape("attention", out.get(2), new Shape(n, 1, size, size));
        int fh = (int) flowShape.get(2);
        int fw = (int) flowShape.get(3);
        float[] flow = out.get(0).toType(DataType.FLOAT32, false).toFloatArray();
        float[] residual = out.get(1).toType(DataType.FLOAT32, false).toFloatArray();
        float[] attention = out.get(2).toType(DataType.FLOAT32, false).toFloatArray();
        int plane = size * size;
        int flowPlanes = composition.flowChannels * fh * fw;
        int residualPlanes = composition.residualChannels * plane;
        float[] color = new float[n * 3 * plane];
        float[] kept = composition == Composition.LIFT ? cutByPaint(attention, residual, n, plane) : attention;
        for (int i = 0; i < n; i++) {
            float[] one = colour(faces, i * 3 * plane, size, flow, i * flowPlanes, fw, fh, residual, i * residualPlanes, size);
            System.arraycopy(one, 0, color, i * 3 * plane, 3 * plane);
        }
        List<Rendering.CropRenderer> sharp = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sharp.add(new SharpWarp(Arrays.copyOfRange(flow, i * flowPlanes, (i + 1) * flowPlanes), fw, fh,
                    Arrays.copyOfRange(residual, i * residualPlanes, (i + 1) * residualPlanes), attention, i * plane, size));
        }
        return new GeneratorOutput(color, kept, sharp);
    }

    /** Lift's paint P' from its paint mask P: from {@link #LIFT_FROM}, wholly from {@link #LIFT_TO}. */
    static float liftPaint(float p) {
        return Math.max(0f, Math.min(1f, (p - LIFT_FROM) / (LIFT_TO - LIFT_FROM)));
    }

    /** A·(1 − P') for each of n faces: what a lift network keeps of the photo, nothing where it lays pixels in. */
    private static float[] cutByPaint(float[] attention, float[] residual, int n, int plane) {
        float[] kept = new float[attention.length];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                kept[i * plane + p] = attention[i * plane + p] * (1 - liftPaint(residual[(i * 4 + 3) * plane + p]));
            }
        }
        return kept;
    }

    /**
     * C for one face of side {@code s} (3 planes at {@code at} in {@code image}) from its flow (the composition's
     * planes of {@code fw × fh} at {@code fAt}) and residual (its planes of {@code s × s} at {@code rAt}, already
     * at the face's size); {@code modelSize} sets the cells the design softens over.
     */
    private float[] colour(float[] image, int at, int s, float[] flow, int fAt, int fw, int fh,
                           float[] residual, int rAt, int modelSize) {
        int plane = s * s;
        float[] dx = FlowFields.upsample(flow, fAt, fw, fh, s, s);
        float[] dy = FlowFields.upsample(flow, fAt + fw * fh, fw, fh, s, s);
        fadeAtBorder(dx, dy, s);
        float[] moved = new float[3 * plane];
        FlowFields.warp(image, at, s, s, dx, dy, s, moved, 0);
        float[] source = null;
        // Lift's source is warped and softened only for a face where it paints (closed lids), not at every render.
        if (composition == Composition.LIFT && paints(residual, rAt + 3 * plane, plane)) {
            float[] sx = FlowFields.upsample(flow, fAt + 2 * fw * fh, fw, fh, s, s);
            float[] sy = FlowFields.upsample(flow, fAt + 3 * fw * fh, fw, fh, s, s);
            for (int p = 0; p < plane; p++) {
                sx[p] += dx[p];
                sy[p] += dy[p];
            }
            float[] lifted = new float[3 * plane];
            FlowFields.warp(image, at, s, s, sx, sy, s, lifted, 0);
            source = softened(lifted, s, modelSize);
        } else if (composition == Composition.SOFT_PAINT) {
            source = softened(moved, s, modelSize);
        }
        addResidual(moved, source, residual, rAt, s);
        return moved;
    }

    /** Whether lift's paint mask (the plane at {@code at}) paints anywhere: P above {@link #LIFT_FROM}. */
    private static boolean paints(float[] residual, int at, int plane) {
        for (int p = 0; p < plane; p++) {
            if (residual[at + p] > LIFT_FROM) {
                return true;
            }
        }
        return false;
    }

    /** 3 planes of side {@code s} as 2 × 2 means at the model's size, bilinearly back up to {@code s}. */
    private static float[] softened(float[] planes, int s, int modelSize) {
        int plane = s * s;
        int cells = modelSize / 2;
        float[] soft = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            float[] shrunk = FlowFields.shrink(planes, c * plane, s, s, cells, cells);
            System.arraycopy(FlowFields.upsample(shrunk, 0, cells, cells, s, s), 0, soft, c * plane, plane);
        }
        return soft;
    }

    /**
     * C from the warped photo {@code moved} (3 planes of {@code s × s}, replaced by C): faded toward {@code source}
     * (null for the plain design) by how much is painted, then plus half the residual (planes of the same size at
     * {@code rAt}). Soft paint paints by the residual's own change; lift by its paint mask, the residual's 4th plane.
     */
    private void addResidual(float[] moved, float[] source, float[] residual, int rAt, int s) {
        int plane = s * s;
        for (int p = 0; p < plane; p++) {
            float r0 = residual[rAt + p];
            float r1 = residual[rAt + plane + p];
            float r2 = residual[rAt + 2 * plane + p];
            float paint = switch (composition) {
                case PLAIN -> 0f;
                case SOFT_PAINT -> painted(r0, r1, r2);
                case LIFT -> liftPaint(residual[rAt + 3 * plane + p]);
            };
            for (int c = 0; c < 3; c++) {
                int k = c * plane + p;
                float m = paint > 0 ? moved[k] + paint * (source[k] - moved[k]) : moved[k];
                moved[k] = m + 0.5f * (c == 0 ? r0 : c == 1 ? r1 : r2);
            }
        }
    }

    /** How much of C is painted, from the residual's largest channel change 0.5·|ΔC| (smoothstep). */
    static float painted(float r0, float r1, float r2) {
        float change = 0.5f * Math.max(Math.abs(r0), Math.max(Math.abs(r1), Math.abs(r2)));
        float t = Math.max(0f, Math.min(1f, (change - PAINT_FROM) / (PAINT_TO - PAINT_FROM)));
        return t * t * (3 - 2 * t);
    }

    /** Share of the crop's side, from its border, where the flow is 0: the band the paste feathers into the photo. */
    static final double STILL_BORDER = 0.12;
    /** Share of the side over which the flow then fades in. */
    static final double FADE = 0.05;

    /**
     * Fades the flow to 0 in the band along the crop's border where the crop is feathered into the photo, so
     * a warp never meets its own unwarped copy there (a neck moved by a dropped jaw would show twice).
     */
    static void fadeAtBorder(float[] dx, float[] dy, int s) {
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double edge = Math.min(Math.min(x + 0.5, y + 0.5), Math.min(s - x - 0.5, s - y - 0.5)) / s;
                double t = Math.max(0, Math.min(1, (edge - STILL_BORDER) / FADE));
                float w = (float) (t * t * (3 - 2 * t));
                dx[y * s + x] *= w;
                dy[y * s + x] *= w;
            }
        }
    }

    /**
     * One face's edit on a crop of any size: the flow, residual and attention upsampled to it, the crop's own
     * pixels moved (lift's attention cut by its paint at the crop's size, so the lid's edge is as sharp as the
     * crop). {@code attention} is the batch's array, read after the model clamps it to [0, 1]. The last
     * result is kept: the rendering at a face's own expression is kept per face and redone on the same cached
     * crop at every slider move, so it is warped once.
     */
    private final class SharpWarp implements Rendering.CropRenderer {
        private final float[] flow;
        private final int fw;
        private final int fh;
        private final float[] residual;
        private final float[] attention;
        private final int attentionOffset;
        private final int size;
        private RgbImage lastCrop;
        private RgbImage lastResult;

        SharpWarp(float[] flow, int fw, int fh, float[] residual, float[] attention, int attentionOffset, int size) {
            this.flow = flow;
            this.fw = fw;
            this.fh = fh;
            this.residual = residual;
            this.attention = attention;
            this.attentionOffset = attentionOffset;
            this.size = size;
        }

        @Override
        public synchronized RgbImage render(RgbImage crop) {
            if (crop != lastCrop) {
                lastResult = warpOnto(crop);
                lastCrop = crop;
            }
            return lastResult;
        }

        private RgbImage warpOnto(RgbImage crop) {
            int s = crop.width();
            int plane = s * s;
            float[] in = crop.toPlanes();
            float[] r = new float[composition.residualChannels * plane];
            for (int c = 0; c < composition.residualChannels; c++) {
                System.arraycopy(FlowFields.upsample(residual, c * size * size, size, size, s, s), 0, r, c * plane, plane);
            }
            float[] out = colour(in, 0, s, flow, 0, fw, fh, r, 0, size);
            float[] a = FlowFields.upsample(attention, attentionOffset, size, size, s, s);
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < plane; p++) {
                    int k = c * plane + p;
                    float ai = Math.max(0f, Math.min(1f, a[p]));
                    if (composition == Composition.LIFT) {
                        ai *= 1 - liftPaint(r[3 * plane + p]);
                    }
                    float v = ai * in[k] + (1 - ai) * out[k];
                    out[k] = Math.max(0f, Math.min(1f, v));
                }
            }
            return RgbImage.ofPlanes(s, s, out);
        }
    }
}
