package org.ganimationstudio.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One generator design: how a face crop and an AU vector become the network's inputs, and how the
 * network's outputs become an edit (the colour mask C, the attention A and the composite A·I + (1−A)·C).
 * model.json's {@code architecture.name} selects the design ({@link GeneratorDesigns}); nothing above
 * model-core knows which one runs. Implementations are stateless.
 */
public interface GeneratorDesign {

    /** The {@code architecture.name} this design answers to. */
    String name();

    /**
     * Checks the design's own architecture fields in model.json, and against the copy the exporter wrote
     * inside the network file when there is one ({@code embedded} is then its {@code architecture} object).
     */
    void checkArchitecture(ModelMetadata.Architecture declared, JsonNode embedded, String file)
            throws InvalidModelException;

    /**
     * The network inputs for {@code n} faces: by default the faces on the [-1, 1] scale and the AU vectors,
     * which is what both designs here take.
     *
     * @param faces n × 3 × size × size planar RGB in [0, 1]
     * @param aus   n × auCount AU intensities in [0, 1]
     */
    default NDList inputs(NDManager manager, float[] faces, float[] aus, int n, int size, int auCount) {
        NDArray img = manager.create(faces, new Shape(n, 3, size, size)).mul(2f).sub(1f);
        return new NDList(img, manager.create(aus, new Shape(n, auCount)));
    }

    /**
     * The network's outputs as pictures in [0, 1] space, before any range check.
     *
     * @param faces the same planar faces that {@link #inputs} was given
     * @throws IllegalStateException when the outputs are not what this design produces
     */
    GeneratorOutput decode(NDList outputs, float[] faces, int n, int size);

    /**
     * What a design's outputs decode to: n faces, planar, in [0, 1] unless the network misbehaves; with
     * {@code sharp} (one per face, or null) when the design can redo each edit on a larger crop.
     */
    record GeneratorOutput(float[] color, float[] attention, java.util.List<Rendering.CropRenderer> sharp) {

        public GeneratorOutput(float[] color, float[] attention) {
            this(color, attention, null);
        }
    }
}
