package org.ganimationstudio.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The face finder's two networks (a folder with {@code model.json}, {@code detector.pt} and
 * {@code landmarks.pt}, written by training's {@code ganimation.face_models.convert}): a face detector
 * that scores fixed-size pictures for faces, and a 68-point landmark network for face crops. Plain
 * float arrays in and out; which finder uses them, and how, is face-detect's business.
 */
public final class FaceNetworks implements AutoCloseable {

    /** Values per detector row: score, box centre x, y, width, height, six key points (x, y). */
    public static final int DETECTION_VALUES = 17;
    public static final int LANDMARK_COUNT = 68;
    static final String FORMAT = "ganimation-studio/face-models";

    private static final Logger LOG = LoggerFactory.getLogger(FaceNetworks.class);

    private final TorchScriptNetwork detector;
    private final TorchScriptNetwork landmarks;
    private final int detectorSize;
    private final int landmarkSize;
    private final int multiple;
    private final List<int[]> grids;

    private FaceNetworks(TorchScriptNetwork detector, TorchScriptNetwork landmarks, JsonNode meta) {
        this.detector = detector;
        this.landmarks = landmarks;
        this.detectorSize = meta.path("detector").path("input").path("size").asInt();
        this.multiple = meta.path("detector").path("input").path("multipleOf").asInt(32);
        this.landmarkSize = meta.path("landmarks").path("input").path("size").asInt();
        List<int[]> g = new ArrayList<>();
        for (JsonNode a : meta.path("detector").path("anchors")) {
            g.add(new int[] {a.path("stride").asInt(), a.path("perCell").asInt()});
        }
        this.grids = List.copyOf(g);
    }

    public static FaceNetworks open(Path folder) throws InvalidModelException {
        return open(folder, ComputeDevice.fromEnvironment());
    }

    /** Loads both networks after checking model.json and the files' checksums, and probes them once. */
    public static FaceNetworks open(Path folder, ComputeDevice choice) throws InvalidModelException {
        JsonNode meta;
        try {
            meta = new ObjectMapper().readTree(folder.resolve(ModelDirectory.METADATA_FILE).toFile());
        } catch (IOException e) {
            throw new InvalidModelException("cannot read the face models' " + ModelDirectory.METADATA_FILE + " in "
                    + folder + ": " + TorchScriptNetwork.firstLine(e), e);
        }
        if (!FORMAT.equals(meta.path("format").asText())) {
            throw new InvalidModelException(folder + " does not hold face finder models (format "
                    + meta.path("format").asText("missing") + ")");
        }
        Path detectorFile = checkedFile(folder, meta.path("detector"));
        Path landmarkFile = checkedFile(folder, meta.path("landmarks"));
        TorchScriptNetwork det = TorchScriptNetwork.loadFile(detectorFile, "face-detector", choice);
        TorchScriptNetwork lm = null;
        try {
            lm = TorchScriptNetwork.loadFile(landmarkFile, "face-landmarks", choice);
            FaceNetworks networks = new FaceNetworks(det, lm, meta);
            if (networks.grids.isEmpty() || networks.detectorSize <= 0 || networks.landmarkSize <= 0
                    || networks.multiple <= 0 || networks.detectorSize % networks.multiple != 0) {
                throw new IllegalStateException("model.json lacks the inputs' sizes or the detector's anchors");
            }
            networks.detect(blank(networks.detectorSize));
            networks.landmarks(List.of(blank(networks.landmarkSize)));
            LOG.info("loaded the face finder's networks from {} on {}", folder, det.deviceName());
            return networks;
        } catch (RuntimeException e) {
            det.close();
            if (lm != null) {
                lm.close();
            }
            throw new InvalidModelException("the face finder's networks in " + folder + " do not fit their model.json: "
                    + TorchScriptNetwork.firstLine(e), e);
        }
    }

    private static RgbImage blank(int size) {
        return RgbImage.wrap(size, size, new float[3 * size * size]);
    }

    private static Path checkedFile(Path folder, JsonNode entry) throws InvalidModelException {
        String name = entry.path("path").asText("");
        Path file = folder.resolve(name).normalize();
        if (name.isEmpty() || !file.startsWith(folder.normalize()) || !Files.isRegularFile(file)) {
            throw new InvalidModelException("the face model file '" + name + "' named in " + folder.resolve(
                    ModelDirectory.METADATA_FILE) + " is missing");
        }
        String expected = entry.path("sha256").asText("");
        String actual = ModelDirectory.sha256(file);
        if (!expected.equalsIgnoreCase(actual)) {
            throw new InvalidModelException(file + " is damaged: its SHA-256 is " + actual + " but model.json expects "
                    + expected);
        }
        return file;
    }

    /** The side the detector was trained at: faces of about a tenth to three quarters of it are found. */
    public int detectorSize() {
        return detectorSize;
    }

    /** Sides of a picture given to {@link #detect} must be multiples of this. */
    public int detectorMultiple() {
        return multiple;
    }

    /** Side of the square face crops {@link #landmarks} takes. */
    public int landmarkSize() {
        return landmarkSize;
    }

    /**
     * The detector's rows for one picture (RGB 0..1, sides multiples of {@link #detectorMultiple()}): one row of
     * {@link #DETECTION_VALUES} values per anchor, score then box centre, width, height and six key points, all
     * in the picture's pixels.
     */
    public float[] detect(RgbImage picture) {
        return detectAll(List.of(picture)).get(0);
    }

    /** {@link #detect} for several pictures of one size, in one native call. */
    public List<float[]> detectAll(List<RgbImage> pictures) {
        int n = pictures.size();
        int w = pictures.get(0).width();
        int h = pictures.get(0).height();
        if (w % multiple != 0 || h % multiple != 0) {
            throw new IllegalArgumentException("the detector takes sides that are multiples of " + multiple + ", not "
                    + w + " x " + h);
        }
        float[] packed = new float[n * 3 * w * h];
        for (int i = 0; i < n; i++) {
            RgbImage p = pictures.get(i);
            if (p.width() != w || p.height() != h) {
                throw new IllegalArgumentException("pictures detected together must have one size");
            }
            System.arraycopy(p.planes(), 0, packed, i * 3 * w * h, 3 * w * h);
        }
        float[] rows = detector.call((call, forward) -> {
            NDArray in = call.create(packed, new Shape(n, 3, h, w));
            NDArray out = forward.apply(new NDList(in)).singletonOrThrow();
            if (out.getShape().dimension() != 3 || out.getShape().get(0) != n || out.getShape().get(2) != DETECTION_VALUES) {
                throw new IllegalStateException("the face detector's output has shape " + out.getShape());
            }
            return out.toType(DataType.FLOAT32, false).toFloatArray();
        });
        float[][] centres = anchors(w, h);
        int per = centres.length * DETECTION_VALUES;
        if (rows.length != n * per) {
            throw new IllegalStateException("the face detector gave " + rows.length / DETECTION_VALUES
                    + " rows for " + n + " x " + centres.length + " anchors");
        }
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] r = java.util.Arrays.copyOfRange(rows, i * per, (i + 1) * per);
            for (int a = 0; a < centres.length; a++) {
                int o = a * DETECTION_VALUES;
                for (int k = 1; k < DETECTION_VALUES; k += 2) {
                    if (k == 3) {
                        continue; // width and height are not relative to the anchor
                    }
                    r[o + k] += centres[a][0];
                    r[o + k + 1] += centres[a][1];
                }
            }
            out.add(r);
        }
        return out;
    }

    /** Anchor centres in the order of the detector's rows: each grid's cells row by row, each cell repeated. */
    float[][] anchors(int width, int height) {
        int count = 0;
        for (int[] g : grids) {
            count += (width / g[0]) * (height / g[0]) * g[1];
        }
        float[][] out = new float[count][];
        int i = 0;
        for (int[] g : grids) {
            int stride = g[0];
            for (int y = 0; y < height / stride; y++) {
                for (int x = 0; x < width / stride; x++) {
                    float[] c = {(x + 0.5f) * stride, (y + 0.5f) * stride};
                    for (int k = 0; k < g[1]; k++) {
                        out[i++] = c;
                    }
                }
            }
        }
        return out;
    }

    /** 68 points (x, y) per face crop ({@link #landmarkSize()} square, RGB 0..1), as fractions of the crop's side. */
    public float[] landmarks(List<RgbImage> crops) {
        int n = crops.size();
        float[] packed = ExpressionModel.packFaces(crops, landmarkSize);
        return landmarks.call((call, forward) -> {
            NDArray in = call.create(packed, new Shape(n, 3, landmarkSize, landmarkSize));
            NDArray out = forward.apply(new NDList(in)).singletonOrThrow();
            TorchScriptNetwork.expectShape("landmark", out, new Shape(n, LANDMARK_COUNT, 2));
            return out.toType(DataType.FLOAT32, false).toFloatArray();
        });
    }

    @Override
    public void close() {
        detector.close();
        landmarks.close();
    }
}
