package org.ganimationstudio.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the 17 AU intensities (0–1) of face crops: the network of an {@code au-estimator} model
 * directory, run through DJL like the generator. The studio uses it to start the sliders at a
 * photo's own expression.
 */
public final class AuEstimator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuEstimator.class);

    private final TorchScriptNetwork network;
    private final int size;
    private final int auCount;

    private AuEstimator(TorchScriptNetwork network) {
        this.network = network;
        this.size = network.directory().inputSize();
        this.auCount = network.directory().metadata().architecture().auCount();
    }

    public static AuEstimator open(ModelDirectory directory) throws InvalidModelException {
        return open(directory, ComputeDevice.fromEnvironment());
    }

    /** Loads the estimator and checks it with a probe pass on a blank crop. */
    public static AuEstimator open(ModelDirectory directory, ComputeDevice choice) throws InvalidModelException {
        if (directory.kind() != ModelKind.AU_ESTIMATOR) {
            throw new InvalidModelException(directory.path() + " holds " + directory.kind().description()
                    + ", not an AU estimator");
        }
        AuEstimator e = new AuEstimator(TorchScriptNetwork.load(directory, choice));
        try {
            e.estimate(RgbImage.wrap(e.size, e.size, new float[3 * e.size * e.size]));
        } catch (RuntimeException ex) {
            e.close();
            throw new InvalidModelException("the AU estimator does not fit model.json: "
                    + TorchScriptNetwork.firstLine(ex), ex);
        }
        LOG.info("loaded {} on {}", directory.describe(), e.network.deviceName());
        return e;
    }

    /** The AUs of one face crop of {@link #inputSize()} pixels. */
    public AuVector estimate(RgbImage face) {
        return estimateAll(List.of(face)).get(0);
    }

    /** The AUs of several face crops, in one native call. */
    public List<AuVector> estimateAll(List<RgbImage> faces) {
        if (faces.isEmpty()) {
            return List.of();
        }
        int n = faces.size();
        float[] image = ExpressionModel.packFaces(faces, size);
        float[] values = network.call((call, forward) -> {
            NDArray img = call.create(image, new Shape(n, 3, size, size)).mul(2f).sub(1f);
            NDList out = forward.apply(new NDList(img));
            NDArray aus = out.singletonOrThrow();
            TorchScriptNetwork.expectShape("AU", aus, new Shape(n, auCount));
            return aus.clip(0f, 1f).toType(DataType.FLOAT32, false).toFloatArray();
        });
        List<AuVector> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] v = Arrays.copyOfRange(values, i * auCount, (i + 1) * auCount);
            if (!allFinite(v)) {
                throw new IllegalStateException("the AU estimator produced a non-finite value for face " + i);
            }
            result.add(AuVector.of(v));
        }
        return result;
    }

    private static boolean allFinite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** Side length of the square face crops this estimator takes. */
    public int inputSize() {
        return size;
    }

    public ModelDirectory directory() {
        return network.directory();
    }

    @Override
    public void close() {
        network.close();
    }
}
