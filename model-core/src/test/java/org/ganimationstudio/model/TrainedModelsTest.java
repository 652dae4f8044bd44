package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models straight out of the training package load and run in Java: a tiny training run
 * ({@code ganimation.fixtures.tiny}) trains an AU estimator and a generator for a few steps and exports both;
 * the estimator's Java readings must equal PyTorch's, the generator must render finite pictures.
 */
class TrainedModelsTest {

    @TempDir
    static Path run;
    private static AuEstimator estimator;
    private static ExpressionModel generator;

    @BeforeAll
    static void train() throws Exception {
        TrainingPython.assumeAvailable();
        int rc = TrainingPython.runModule("ganimation.fixtures.tiny", List.of("--out", run.toString()), 300);
        assertThat(rc).as("tiny training run exit status").isZero();
        estimator = AuEstimator.open(ModelDirectory.open(run.resolve("estimator"), ModelKind.AU_ESTIMATOR),
                ComputeDevice.CPU);
        generator = ExpressionModel.open(ModelDirectory.open(run.resolve("generator")), ComputeDevice.CPU);
    }

    @AfterAll
    static void close() {
        if (estimator != null) {
            estimator.close();
        }
        if (generator != null) {
            generator.close();
        }
    }

    @Test
    void estimatorReadsLikePyTorch() throws Exception {
        JsonNode readings = new ObjectMapper().readTree(run.resolve("readings.json").toFile());
        List<RgbImage> crops = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = readings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            crops.add(RgbImage.fromBufferedImage(ImageIO.read(run.resolve("crops").resolve(e.getKey()).toFile())));
            float[] v = new float[17];
            for (int i = 0; i < 17; i++) {
                v[i] = (float) e.getValue().get(i).asDouble();
            }
            expected.add(v);
        }
        List<AuVector> got = estimator.estimateAll(crops);
        double maxDiff = 0;
        for (int f = 0; f < crops.size(); f++) {
            float[] g = got.get(f).toArray();
            for (int i = 0; i < 17; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(g[i] - expected.get(f)[i]));
            }
        }
        System.out.printf("AU estimator parity over %d crops: max |d| %.2e%n", crops.size(), maxDiff);
        assertThat(crops).hasSize(16);
        assertThat(maxDiff).isLessThanOrEqualTo(1e-4);
        assertThat(estimator.estimate(crops.get(0)).toArray()).isEqualTo(got.get(0).toArray());
    }

    @Test
    void trainedGeneratorRendersFinitePictures() throws Exception {
        RgbImage face = RgbImage.fromBufferedImage(ImageIO.read(run.resolve("crops/face000.png").toFile()));
        Rendering r = generator.render(face, AuVector.parse("AU12=1,AU06=0.8"));
        for (float v : r.composite().toPlanes()) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(r.attention().mean()).isBetween(0.0, 1.0);
        assertThat(generator.directory().metadata().provenance()).containsKey("criticIterations");
    }

    @Test
    void eachKindIsRefusedWhereTheOtherIsExpected() {
        assertThatThrownBy(() -> ModelDirectory.open(run.resolve("estimator")))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("not an expression generator");
        assertThatThrownBy(() -> ModelDirectory.open(run.resolve("generator"), ModelKind.AU_ESTIMATOR))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("not an AU estimator");
    }
}
