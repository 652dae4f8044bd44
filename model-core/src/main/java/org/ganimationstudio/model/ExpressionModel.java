package org.ganimationstudio.model;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ganimationstudio.model.GeneratorDesign.GeneratorOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expression generator of one model directory, run through DJL's PyTorch engine.
 *
 * <p>Renders (face, AUs) pairs to the colour mask C, the attention mask A and the composite
 * A·I + (1−A)·C; the model's {@link GeneratorDesign} (model.json's {@code architecture.name}) turns
 * the network's outputs into C and A. Faces must already be square crops of the model's input size. Calls are
 * serialised, so one instance can be shared between a UI and worker threads; every native array
 * of a call lives in a per-call NDManager that is closed before the call returns.
 */
public final class ExpressionModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExpressionModel.class);
    /** Frames per native call in {@link #renderAll}: bounds memory for long animations. */
    public static final int DEFAULT_MAX_BATCH = 8;

    /** System property: seconds the probe forward pass at load time may take. */
    public static final String PROBE_SECONDS_PROPERTY = "ganimation.probeSeconds";

    private final TorchScriptNetwork network;
    private final GeneratorDesign design;
    private volatile boolean probeHung;
    private final int size;
    private final int auCount;

    private ExpressionModel(TorchScriptNetwork network, GeneratorDesign design) {
        this.network = network;
        this.design = design;
        this.size = network.directory().inputSize();
        this.auCount = network.directory().metadata().architecture().auCount();
    }

    /** Opens a model directory on the device chosen by {@link ComputeDevice#fromEnvironment()}. */
    public static ExpressionModel open(ModelDirectory directory) throws InvalidModelException {
        return open(directory, ComputeDevice.fromEnvironment());
    }

    /**
     * Loads the generator and checks it with a probe forward pass at the declared input size, under a time
     * limit, so that a model.json that does not describe its network, a network whose outputs are out of
     * range or not finite, or one that never answers, is refused here, not mid-session.
     */
    public static ExpressionModel open(ModelDirectory directory, ComputeDevice choice) throws InvalidModelException {
        if (directory.kind() != ModelKind.EXPRESSION_GENERATOR) {
            throw new InvalidModelException(directory.path() + " holds " + directory.kind().description()
                    + ", not an expression generator");
        }
        GeneratorDesign design = GeneratorDesigns.named(directory.metadata().architecture().name());
        TorchScriptNetwork network = TorchScriptNetwork.load(directory, choice);
        ExpressionModel em = new ExpressionModel(network, design);
        try {
            network.checkParameterCount(directory.metadata().architecture().parameters());
            em.probe();
        } catch (InvalidModelException e) {
            em.closeQuietlyAfterProbe();
            throw e;
        }
        LOG.info("loaded {} on {}", directory.describe(), em.deviceName());
        return em;
    }

    /** Seconds the probe forward pass may take: {@value #PROBE_SECONDS_PROPERTY}, default 120. */
    static long probeSeconds() {
        return Long.getLong(PROBE_SECONDS_PROPERTY, 120L);
    }

    private void probe() throws InvalidModelException {
        float[] grey = new float[3 * size * size];
        Arrays.fill(grey, 0.5f);
        CompletableFuture<GeneratorOutput> run = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                run.complete(forward(grey, AuVector.zero().toArray(), 1));
            } catch (Throwable e) {
                run.completeExceptionally(e);
            }
        }, "generator-probe");
        t.setDaemon(true); // a network that never returns must not keep the program alive
        t.start();
        GeneratorOutput out;
        try {
            out = run.get(probeSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            probeHung = true;
            AbandonedProbes.waitAtExit(t);
            throw new InvalidModelException("the generator gave no answer to a test face within " + probeSeconds()
                    + " s; it is far too slow for this machine");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidModelException("interrupted while testing the generator");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalStateException) {
                throw new InvalidModelException("the generator does not fit model.json: " + cause.getMessage(), cause);
            }
            throw new InvalidModelException("the generator rejected a " + auCount + "-AU input of " + size + "x"
                    + size + " pixels: " + TorchScriptNetwork.firstLine(cause), cause);
        }
        String problem = OutputRange.problem(out);
        if (problem != null) {
            throw new InvalidModelException("the generator's output on a test face is unusable: " + problem);
        }
    }

    private void closeQuietlyAfterProbe() {
        if (!probeHung) {
            close(); // a slow probe still runs the network: it must stay loaded until the probe ends
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

    /**
     * Renders faces.get(i) at aus.get(i) in a single native call. Masks a network puts outside [0, 1] are
     * clamped (they were checked at load time); values that are not finite are refused.
     */
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
        GeneratorOutput out = forward(image, au, n);
        if (OutputRange.clamp(out)) {
            LOG.warn("the generator put mask values outside [0, 1]; they were clamped");
        }
        float[] c = out.color();
        float[] a = out.attention();
        List<Rendering> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] comp = new float[3 * plane];
            int base = i * 3 * plane;
            for (int ch = 0; ch < 3; ch++) {
                for (int p = 0; p < plane; p++) {
                    float ai = a[i * plane + p];
                    int k = base + ch * plane + p;
                    comp[ch * plane + p] = ai * image[k] + (1 - ai) * c[k];
                }
            }
            result.add(new Rendering(
                    RgbImage.wrap(size, size, Arrays.copyOfRange(c, base, base + 3 * plane)),
                    GrayImage.wrap(size, size, Arrays.copyOfRange(a, i * plane, (i + 1) * plane)),
                    RgbImage.wrap(size, size, comp),
                    out.sharp() == null ? null : out.sharp().get(i)));
        }
        return result;
    }

    private GeneratorOutput forward(float[] image, float[] au, int n) {
        return network.call((call, forward) ->
                design.decode(forward.apply(design.inputs(call, image, au, n, size, auCount)), image, n, size));
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

    /** The model.json name of the generator design that runs. */
    public String designName() {
        return design.name();
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
