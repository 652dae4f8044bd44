package org.ganimationstudio.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
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
    private static final String ENGINE = "PyTorch";
    /** Frames per native call in {@link #renderAll}: bounds memory for long animations. */
    public static final int DEFAULT_MAX_BATCH = 8;

    private final ModelDirectory directory;
    private final Device device;
    private final Model model;
    private final Block block;
    private final int size;
    private final int auCount;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;

    private ExpressionModel(ModelDirectory directory, Device device, Model model) {
        this.directory = directory;
        this.device = device;
        this.model = model;
        this.block = model.getBlock();
        this.size = directory.inputSize();
        this.auCount = directory.metadata().architecture().auCount();
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
        Device device = resolve(choice);
        Model model = Model.newInstance("generator", device, ENGINE);
        try {
            model.load(directory.path(), stripExtension(directory.generatorFile().getFileName().toString()));
        } catch (Exception | UnsatisfiedLinkError e) {
            model.close();
            throw new InvalidModelException(directory.generatorFile().getFileName()
                    + " could not be loaded as TorchScript: " + firstLine(e), e);
        }
        ExpressionModel em = new ExpressionModel(directory, device, model);
        try {
            em.probe();
        } catch (InvalidModelException e) {
            em.close();
            throw e;
        }
        LOG.info("loaded {} on {}", directory.describe(), em.deviceName());
        return em;
    }

    /** The device AUTO, CPU or CUDA stands for on this machine. */
    public static Device resolve(ComputeDevice choice) throws InvalidModelException {
        int gpus;
        try {
            gpus = Engine.getEngine(ENGINE).getGpuCount();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new InvalidModelException("the PyTorch engine could not start: " + firstLine(e), e);
        }
        return switch (choice) {
            case CPU -> Device.cpu();
            case CUDA -> {
                if (gpus == 0) {
                    throw new InvalidModelException("CUDA was requested but PyTorch sees no GPU "
                            + "(a CUDA build of libtorch is needed: see README, 'GPU')");
                }
                yield Device.gpu();
            }
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
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
                    + size + " pixels: " + firstLine(e), e);
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
            out.addAll(renderBatch(java.util.Collections.nCopies(chunk.size(), face), chunk));
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
        float[] image = new float[n * 3 * plane];
        float[] au = new float[n * auCount];
        for (int i = 0; i < n; i++) {
            RgbImage f = faces.get(i);
            if (f.width() != size || f.height() != size) {
                throw new IllegalArgumentException("face " + i + " is " + f.width() + "x" + f.height()
                        + "; this model takes " + size + "x" + size + " crops");
            }
            System.arraycopy(f.planes(), 0, image, i * 3 * plane, 3 * plane);
            System.arraycopy(aus.get(i).toArray(), 0, au, i * auCount, auCount);
        }
        float[] color;
        float[] attention;
        float[] composite;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the model is closed");
            }
            JniUtils.setGradMode(false); // grad mode is per thread: callers may be any worker
            try (NDManager call = model.getNDManager().newSubManager(device)) {
                NDArray img = call.create(image, new Shape(n, 3, size, size)).mul(2f).sub(1f);
                NDArray cond = call.create(au, new Shape(n, auCount));
                NDList out = block.forward(new ParameterStore(call, false), new NDList(img, cond), false);
                if (out.size() != 2) {
                    throw new IllegalStateException("expected the outputs (colour, attention), got " + out.size());
                }
                NDArray c = out.get(0);
                NDArray a = out.get(1);
                expectShape("colour", c, new Shape(n, 3, size, size));
                expectShape("attention", a, new Shape(n, 1, size, size));
                NDArray comp = a.mul(img).add(a.neg().add(1f).mul(c));
                // Back to [0, 1] picture space.
                color = c.add(1f).mul(0.5f).toType(DataType.FLOAT32, false).toFloatArray();
                attention = a.toType(DataType.FLOAT32, false).toFloatArray();
                composite = comp.add(1f).mul(0.5f).toType(DataType.FLOAT32, false).toFloatArray();
            }
        } finally {
            lock.unlock();
        }
        List<Rendering> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new Rendering(
                    RgbImage.wrap(size, size, java.util.Arrays.copyOfRange(color, i * 3 * plane, (i + 1) * 3 * plane)),
                    GrayImage.wrap(size, size, java.util.Arrays.copyOfRange(attention, i * plane, (i + 1) * plane)),
                    RgbImage.wrap(size, size, java.util.Arrays.copyOfRange(composite, i * 3 * plane, (i + 1) * 3 * plane))));
        }
        return result;
    }

    private static void expectShape(String what, NDArray array, Shape expected) {
        if (!array.getShape().equals(expected)) {
            throw new IllegalStateException("the " + what + " output has shape " + array.getShape() + ", expected "
                    + expected);
        }
    }

    public ModelDirectory directory() {
        return directory;
    }

    /** Side length of the square face crops this model takes. */
    public int inputSize() {
        return size;
    }

    public Device device() {
        return device;
    }

    /** {@code CPU} or {@code CUDA:n}, for people. */
    public String deviceName() {
        return device.isGpu() ? "CUDA:" + device.getDeviceId() : "CPU";
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                model.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = m.strip().lines().findFirst().orElse(m);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
