package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model.json's architecture.name picks the generator design; a second design renders through the same API. */
class GeneratorDesignsTest {

    @TempDir
    Path tmp;

    static Path warpFixture() {
        return TestModels.repoRoot().resolve("assets/models/fixture-warp");
    }

    @Test
    void theWarpResidualFixtureMovesThePhotosOwnPixels() throws Exception {
        try (ExpressionModel m = ExpressionModel.open(ModelDirectory.open(warpFixture()), ComputeDevice.CPU)) {
            assertThat(m.designName()).isEqualTo("warp-residual-generator");
            int size = m.inputSize();
            RgbImage face = TestModels.testFace(size, 3);
            float[] in = face.toPlanes();

            // No flow, no residual: C is the input itself, exactly.
            Rendering still = m.render(face, AuVector.zero());
            assertThat(still.composite().toPlanes()).containsExactly(in);

            // AU01 = 1 lifts the upper half by 0.04 of the crop's side: each pixel there (away from the border
            // band where the flow fades out) is the input's pixel 5.12 rows below, bilinearly sampled.
            Rendering lifted = m.render(face, AuVector.zero().with("AU01", 1f));
            float[] out = lifted.composite().toPlanes();
            assertThat(worstLiftError(in, out, size)).isLessThan(1e-4);
            // the lower rows, where the flow is 0, are the input's
            int y = size - 5;
            assertThat(out[y * size + 7]).isEqualTo(in[y * size + 7]);
            assertThat(lifted.attention().mean()).isZero();
        }
    }

    @Test
    void aWarpRedoesItsEditOnALargerCropWithThatCropsOwnPixels() throws Exception {
        try (ExpressionModel m = ExpressionModel.open(ModelDirectory.open(warpFixture()), ComputeDevice.CPU)) {
            int big = 4 * m.inputSize();
            RgbImage crop = TestModels.testFace(big, 5);
            RgbImage face = TestModels.testFace(m.inputSize(), 5);
            Rendering lifted = m.render(face, AuVector.zero().with("AU01", 1f));
            assertThat(lifted.resamples()).isTrue();
            float[] in = crop.toPlanes();
            float[] out = lifted.sharpOn(crop).toPlanes();
            // the same lift, 0.04 of the side, now in the large crop's pixels: its detail moves, nothing is blurred
            assertThat(worstLiftError(in, out, big)).isLessThan(1e-4);
            // asked again for the same crop (a face's own rendering at every slider move), it is not warped again
            assertThat(lifted.sharpOn(crop)).isSameAs(lifted.sharpOn(crop));
            assertThat(lifted.sharpOn(crop).toPlanes()).isEqualTo(out);
            // at no change, the large crop comes back as it was
            float[] still = m.render(face, AuVector.zero()).sharpOn(crop).toPlanes();
            int differing = 0;
            for (int k = 0; k < in.length; k++) {
                differing += still[k] == in[k] ? 0 : 1;
            }
            assertThat(differing).isZero();
        }
    }

    @Test
    void thePaperDesignDoesNotPretendToResample() throws Exception {
        try (ExpressionModel m = ExpressionModel.open(ModelDirectory.open(TestModels.repoRoot().resolve("assets/models/fixture")),
                ComputeDevice.CPU)) {
            Rendering r = m.render(TestModels.testFace(m.inputSize(), 1), AuVector.zero());
            assertThat(r.resamples()).isFalse();
            assertThatThrownBy(() -> r.sharpOn(TestModels.testFace(256, 1))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void anUnknownDesignIsRefusedWithTheDesignsThereAre() throws Exception {
        Path dir = TestModels.copy(TestModels.fixture(), tmp.resolve("m"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(dir.resolve("model.json").toFile());
        ((ObjectNode) root.get("architecture")).put("name", "stylegan9");
        json.writeValue(dir.resolve("model.json").toFile(), root);
        assertThatThrownBy(() -> ModelDirectory.open(dir))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("'stylegan9'")
                .hasMessageContaining("ganimation-generator")
                .hasMessageContaining("warp-residual-generator");
    }

    @Test
    void aPaperGeneratorStaysLoadable() throws Exception {
        try (ExpressionModel m = ExpressionModel.open(ModelDirectory.open(TestModels.fixture()), ComputeDevice.CPU)) {
            assertThat(m.designName()).isEqualTo("ganimation-generator");
        }
    }

    /**
     * Largest difference, in the upper half away from the border band where the flow fades out, between
     * {@code out} and {@code in} lifted by 0.04 of the side (bilinearly sampled that far below).
     */
    private static double worstLiftError(float[] in, float[] out, int side) {
        double shift = 0.04 * side;
        int margin = side * 3 / 16;
        double worst = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = margin; y < side / 2 - side * 3 / 32; y++) {
                double sy = y + shift;
                int y0 = (int) sy;
                double t = sy - y0;
                for (int x = margin; x < side - margin; x++) {
                    double expected = in[(c * side + y0) * side + x] * (1 - t) + in[(c * side + y0 + 1) * side + x] * t;
                    worst = Math.max(worst, Math.abs(out[(c * side + y) * side + x] - expected));
                }
            }
        }
        return worst;
    }
}
