package org.ganimationstudio.model;

import ai.djl.ndarray.NDList;
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
 */
final class WarpResidualGeneratorDesign implements GeneratorDesign {

    static final String NAME = "warp-residual-generator";

    @Override
    public String name() {
        return NAME;
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
        if (flowShape.dimension() != 4 || flowShape.get(0) != n || flowShape.get(1) != 2
                || flowShape.get(2) < 1 || flowShape.get(2) > size || flowShape.get(3) < 1 || flowShape.get(3) > size) {
            throw new IllegalStateException("the flow output has shape " + flowShape + ", expected (" + n
                    + ", 2, h, w) with h and w up to " + size);
        }
        TorchScriptNetwork.expectShape("colour residual", out.get(1), new Shape(n, 3, size, size));
        TorchScriptNetwork.expectShape("attention", out.get(2), new Shape(n, 1, size, size));
        int fh = (int) flowShape.get(2);
        int fw = (int) flowShape.get(3);
        float[] flow = out.get(0).toType(DataType.FLOAT32, false).toFloatArray();
        float[] residual = out.get(1).toType(DataType.FLOAT32, false).toFloatArray();
        float[] attention = out.get(2).toType(DataType.FLOAT32, false).toFloatArray();
        int plane = size * size;
        float[] color = new float[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            float[] dx = FlowFields.upsample(flow, (2 * i) * fh * fw, fw, fh, size, size);
            float[] dy = FlowFields.upsample(flow, (2 * i + 1) * fh * fw, fw, fh, size, size);
            FlowFields.warp(faces, i * 3 * plane, size, size, dx, dy, size, color, i * 3 * plane);
        }
        for (int k = 0; k < color.length; k++) {
            color[k] += 0.5f * residual[k];
        }
        return new GeneratorOutput(color, attention);
    }
}
