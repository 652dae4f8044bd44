package org.ganimationstudio.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The paper's generator: the network paints the colour mask C from nothing (tanh, [-1, 1]) and
 * regresses the attention A (sigmoid); inputs are the face in [-1, 1] and the AU vector.
 */
final class GanimationGeneratorDesign implements GeneratorDesign {

    static final String NAME = "ganimation-generator";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void checkArchitecture(ModelMetadata.Architecture a, JsonNode embedded, String file)
            throws InvalidModelException {
        if (a.convDim() == null || a.repeatNum() == null || a.affineNorm() == null || a.convBias() == null) {
            throw new InvalidModelException("model.json's architecture lacks convDim, repeatNum, affineNorm or convBias");
        }
        if (embedded == null) {
            return;
        }
        same(file, "architecture.convDim", a.convDim(), embedded.path("convDim").asInt(-1));
        same(file, "architecture.repeatNum", a.repeatNum(), embedded.path("repeatNum").asInt(-1));
        same(file, "architecture.affineNorm", a.affineNorm(), embedded.path("affineNorm").asBoolean());
        same(file, "architecture.convBias", a.convBias(), embedded.path("convBias").asBoolean());
    }

    static void same(String file, String field, Object json, Object embedded) throws InvalidModelException {
        if (!Objects.equals(json, embedded)) {
            throw new InvalidModelException("model.json says " + field + " = " + json + " but " + file
                    + " was exported with " + embedded);
        }
    }

    @Override
    public GeneratorOutput decode(NDList out, float[] faces, int n, int size) {
        if (out.size() != 2) {
            throw new IllegalStateException("expected the outputs (colour, attention), got " + out.size());
        }
        TorchScriptNetwork.expectShape("colour", out.get(0), new Shape(n, 3, size, size));
        TorchScriptNetwork.expectShape("attention", out.get(1), new Shape(n, 1, size, size));
        return new GeneratorOutput(
                out.get(0).add(1f).mul(0.5f).toType(DataType.FLOAT32, false).toFloatArray(),
                out.get(1).toType(DataType.FLOAT32, false).toFloatArray());
    }
}
