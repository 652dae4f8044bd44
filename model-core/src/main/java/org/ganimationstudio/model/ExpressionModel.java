package org.ganimationstudio.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GANimation generator of one model directory, run through DJL's PyTorch engine.
 *
 * <p>Renders (face, AUs) pairs to the colour mask C, the attention mask A and the composite
 * A·I + (1−A)·C. Faces must already be square crops of the model's input size. Calls are
 * serialised, so one instance can be shared between a UI and worker threads; every native array
 * of a call lives in a per-call NDManager that is closed before the call returns.
 */
public final class ExpressionModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExpressionModel.class);
    /** Frames per native call in {@link #renderAll}: bounds memory for long animations. */
    public static final int DEFAULT_MAX_BATCH = 8;

    private final TorchScriptNetwork network;
    private final int size;
    private final int auCount;

    private ExpressionModel(TorchScriptNetwork network) {
        this.network = network;
        this.size = network.directory().inputSize();
        this.auCount = network.directory().metadata().architecture().auCount();
    }

    /** Opens a model directory on the device chosen by {@link ComputeDevice#fromEnvironment()}. */
    public static ExpressionModel open(ModelDirectory directory) throws InvalidModelException {
        return open(directory, ComputeDevice.fromEnvironment());
    }

    /**
     * Loads the generator and checks it with a probe forward pass at the declared input size,
     * so that a model.json that does not describe its network is refused here, not mid-session.
     */
    public static ExpressionModel open(ModelDirectory directory, ComputeDevice choice) throws InvalidModelException {
        if (directory.kind() != ModelKind.EXPRESSION_GENERATOR) {
            throw new InvalidModelException(directory.path() + " holds " + directory.kind().description()
                    + ", not an expression generator");
        }
        ExpressionModel em = new ExpressionModel(TorchScriptNetwork.load(directory, choice));
        try {
            em.probe();
        } catch (InvalidModelException e) {
            em.close();
            throw e;
        }
        LOG.info("loaded {} on {}", directory.describe(), em.deviceName());
        return em;
    }

    private void probe() throws InvalidModelException {
        try {
            Rendering r = render(RgbImage.wrap(size, size, new float[3 * size * size]), AuVector.zero());
            if (Double.isNaN(r.attention().mean())) {
                throw new InvalidModelException("the generator produced NaN on a blank face");
            }
        } catch (IllegalStateException e) {
            throw new InvalidModelException("the generator does not fit model.json: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidModelException("the generator rejected a " + auCount + "-AU input of " + size + "x"
                    + size + " pixels: " + TorchScriptNetwork.firstLine(e), e);
        }
    }

    /** Renders one face crop. */
    public Rendering render(RgbImage face, AuVector aus) {
        return renderBatch(List.of(face), List.of(aus)).get(0);
    }

    /** Renders one face at several AU vectors (the frames of an animation), in batches. */
    public List<Rendering> renderAll(RgbImage face, List<AuVector> frames) {
        List<Rendering> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i += DEFAULT_MAX_BATCH) {
            List<AuVector> chunk = frames.subList(i, Math.min(frames.size(), i + DEFAULT_MAX_BATCH));
            out.addAll(renderBatch(Collections.nCopies(chunk.size(), face), chunk));
        }
        return out;
    }

    /** Renders faces.get(i) at aus.get(i) in a single native call. */
    public List<Rendering> renderBatch(List<RgbImage> faces, List<AuVector> aus) {
        if (faces.size() != aus.size() || faces.isEmpty()) {
            throw new IllegalArgumentException("need one AU vector per face, got " + faces.size() + " faces and "
                    + aus.size() + " AU vectors");
        }
        int n = faces.size();
        int plane = size * size;
        float[] image = packFaces(faces, size);
        float[] au = new float[n * auCount];
        for (int i = 0; i < n; i++) {
            System.arraycopy(aus.get(i).toArray(), 0, au, i * auCount, auCount);
        }
        float[][] outputs = network.call((call, forward) -> {
            NDArray img = call.create(image, new Shape(n, 3, size, size)).mul(2f).sub(1f);
            NDArray cond = call.create(au, new Shape(n, auCount));
            NDList out = forward.apply(new NDList(img, cond));
            if (out.size() != 2) {
                throw new IllegalStateException("expected the outputs (colour, attention), got " + out.size());
            }
            NDArray c = out.get(0);
            NDArray a = out.get(1);
            TorchScriptNetwork.expectShape("colour", c, new Shape(n, 3, size, size));
            TorchScriptNetwork.expectShape("attention", a, new Shape(n, 1, size, size));
            NDArray comp = a.mul(img).add(a.neg().add(1f).mul(c));
            // Back to [0, 1] picture space.
            return new float[][] {
                c.add(1f).mul(0.5f).toType(DataType.FLOAT32, false).toFloatArray(),
                a.toType(DataType.FLOAT32, false).toFloatArray(),
                comp.add(1f).mul(0.5f).toType(DataType.FLOAT32, false).toFloatArray()};
        });
        List<Rendering> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new Rendering(
                    RgbImage.wrap(size, size, Arrays.copyOfRange(outputs[0], i * 3 * plane, (i + 1) * 3 * plane)),
                    GrayImage.wrap(size, size, Arrays.copyOfRange(outputs[1], i * plane, (i + 1) * plane)),
                    RgbImage.wrap(size, size, Arrays.copyOfRange(outputs[2], i * 3 * plane, (i + 1) * 3 * plane))));
        }
        return result;
    }

    /** Packs size x size faces into one N x 3 x size x size planar array. */
    static float[] packFaces(List<RgbImage> faces, int size) {
        int plane = size * size;
        float[] image = new float[faces.size() * 3 * plane];
        for (int i = 0; i < faces.size(); i++) {
            RgbImage f = faces.get(i);
            if (f.width() != size || f.height() != size) {
                throw new IllegalArgumentException("face " + i + " is " + f.width() + "x" + f.height()
                        + "; this model takes " + size + "x" + size + " crops");
            }
            System.arraycopy(f.planes(), 0, image, i * 3 * plane, 3 * plane);
        }
        return image;
    }

    public ModelDirectory directory() {
        return network.directory();
    }

    /** Side length of the square face crops this model takes. */
    public int inputSize() {
        return size;
    }

    public Device device() {
        return network.device();
    }

    /** {@code CPU} or {@code CUDA:n}, for people. */
    public String deviceName() {
        return network.deviceName();
    }

    @Override
    public void close() {
        network.close();
    }
}
