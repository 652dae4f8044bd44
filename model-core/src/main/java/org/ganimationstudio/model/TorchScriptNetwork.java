package org.ganimationstudio.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The TorchScript network of a model directory, loaded through DJL's PyTorch engine.
 * Calls are serialised, so one instance can be shared between a UI and worker threads, and every
 * native array of a call lives in a per-call NDManager that is closed before the call returns.
 */
final class TorchScriptNetwork implements AutoCloseable {

    private static final String ENGINE = "PyTorch";

    /** The body of one call: builds inputs in {@code manager}, runs {@code forward}, copies results out. */
    interface Call<T> {
        T run(NDManager manager, UnaryOperator<NDList> forward);
    }

    private final ModelDirectory directory;
    private final Device device;
    private final Model model;
    private final Block block;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;

    private TorchScriptNetwork(ModelDirectory directory, Device device, Model model) {
        this.directory = directory;
        this.device = device;
        this.model = model;
        this.block = model.getBlock();
    }

    static TorchScriptNetwork load(ModelDirectory directory, ComputeDevice choice) throws InvalidModelException {
        Device device = resolve(choice);
        return new TorchScriptNetwork(directory, device, loadModel(directory.networkFile(), directory.kind().fileKey(), device));
    }

    /** A TorchScript file that belongs to no generator or estimator directory (the face finder's networks). */
    static TorchScriptNetwork loadFile(Path file, String name, ComputeDevice choice) throws InvalidModelException {
        Device device = resolve(choice);
        return new TorchScriptNetwork(null, device, loadModel(file, name, device));
    }

    private static Model loadModel(Path path, String name, Device device) throws InvalidModelException {
        Model model = Model.newInstance(name, device, ENGINE);
        String file = path.getFileName().toString();
        try {
            model.load(path.getParent(), stripExtension(file));
        } catch (Exception | UnsatisfiedLinkError e) {
            model.close();
            throw new InvalidModelException(file + " could not be loaded as TorchScript: " + firstLine(e), e);
        }
        return model;
    }

    /** The device AUTO, CPU or CUDA stands for on this machine. */
    static Device resolve(ComputeDevice choice) throws InvalidModelException {
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

    <T> T call(Call<T> body) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the model is closed");
            }
            JniUtils.setGradMode(false); // grad mode is per thread: callers may be any worker
            try (NDManager manager = model.getNDManager().newSubManager(device)) {
                return body.run(manager, in -> block.forward(new ParameterStore(manager, false), in, false));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses a network whose parameter count differs from what model.json declares: a file with the
     * right checksum but another architecture than the metadata describes. Skipped when none is declared.
     */
    void checkParameterCount(long declared) throws InvalidModelException {
        if (declared <= 0) {
            return;
        }
        long actual = 0;
        for (var p : block.getParameters()) {
            actual += p.getValue().getArray().getShape().size();
        }
        if (actual != declared) {
            throw new InvalidModelException(String.format(java.util.Locale.ROOT,
                    "model.json describes a network of %,d parameters, but %s holds %,d: the file and its "
                            + "description do not belong together", declared, directory.networkFile().getFileName(), actual));
        }
    }

    static void expectShape(String what, ai.djl.ndarray.NDArray array, Shape expected) {
        if (!array.getShape().equals(expected)) {
            throw new IllegalStateException("the " + what + " output has shape " + array.getShape() + ", expected "
                    + expected);
        }
    }

    ModelDirectory directory() {
        return directory;
    }

    Device device() {
        return device;
    }

    /** {@code CPU} or {@code CUDA:n}, for people. */
    String deviceName() {
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
