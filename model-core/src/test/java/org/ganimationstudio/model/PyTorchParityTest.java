package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java runtime against eager PyTorch: the training package's reference command computes
 * C, A and the composite for random faces and AUs with the Python network built from model.json
 * and the exported weights; the Java side runs generator.pt on the same inputs.
 * Needs /usr/bin/python3 with torch (Debian's python3-torch); skipped without it except under CI.
 */
class PyTorchParityTest {

    private static final double TOLERANCE = 1e-4;
    private static ExpressionModel model;
    private static NDManager manager;

    @BeforeAll
    static void open() throws Exception {
        TrainingPython.assumeAvailable();
        model = ExpressionModel.open(ModelDirectory.open(TestModels.fixture()), ComputeDevice.CPU);
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
            manager.close();
        }
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 8})
    void javaOutputEqualsPyTorch(int batch, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path ref = tmp.resolve("reference.npz");
        int rc = TrainingPython.runModule("ganimation.evaluation.reference", List.of("--model-dir", TestModels.fixture().toString(),
                "--batch", String.valueOf(batch), "--seed", String.valueOf(100 + batch), "--out", ref.toString()), 120);
        assertThat(rc).as("reference command exit status").isZero();

        NDList arrays;
        try (InputStream in = Files.newInputStream(ref)) {
            arrays = NDList.decode(manager, in);
        }
        float[] image = get(arrays, "image").toFloatArray();
        float[] aus = get(arrays, "aus").toFloatArray();
        int size = model.inputSize();
        int plane = size * size;
        List<RgbImage> faces = new ArrayList<>();
        List<AuVector> conditions = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            float[] p = new float[3 * plane];
            for (int k = 0; k < p.length; k++) {
                p[k] = (image[i * 3 * plane + k] + 1f) / 2f; // the runtime takes [0, 1] pictures
            }
            faces.add(RgbImage.ofPlanes(size, size, p));
            conditions.add(AuVector.of(java.util.Arrays.copyOfRange(aus, i * 17, (i + 1) * 17)));
        }
        List<Rendering> out = model.renderBatch(faces, conditions);

        float[] wantC = get(arrays, "color").toFloatArray();
        float[] wantA = get(arrays, "attention").toFloatArray();
        float[] wantComposite = get(arrays, "composite").toFloatArray();
        double maxC = 0;
        double maxA = 0;
        double maxComposite = 0;
        for (int i = 0; i < batch; i++) {
            float[] c = out.get(i).color().toPlanes();
            float[] a = out.get(i).attention().toArray();
            float[] comp = out.get(i).composite().toPlanes();
            for (int k = 0; k < 3 * plane; k++) {
                // Compare in the network's [-1, 1] space.
                maxC = Math.max(maxC, Math.abs(c[k] * 2 - 1 - wantC[i * 3 * plane + k]));
                maxComposite = Math.max(maxComposite, Math.abs(comp[k] * 2 - 1 - wantComposite[i * 3 * plane + k]));
            }
            for (int k = 0; k < plane; k++) {
                maxA = Math.max(maxA, Math.abs(a[k] - wantA[i * plane + k]));
            }
        }
        System.out.printf("PyTorch parity, batch %d: max |dC| %.2e, max |dA| %.2e, max |dComposite| %.2e%n",
                batch, maxC, maxA, maxComposite);
        assertThat(maxC).isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxA).isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxComposite).isLessThanOrEqualTo(TOLERANCE);
    }

    private static NDArray get(NDList list, String name) {
        return list.stream().filter(a -> name.equals(a.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("reference lacks " + name));
    }
}
