package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExpressionModelTest {

    private static ExpressionModel model;
    private static RgbImage face;

    @BeforeAll
    static void open() throws Exception {
        model = ExpressionModel.open(ModelDirectory.open(TestModels.fixture()), ComputeDevice.AUTO);
        face = TestModels.testFace(model.inputSize(), 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void rendersMasksInRangeAndTheirComposite() {
        Rendering r = model.render(face, EmotionPresets.standard().get("happiness").aus());
        assertThat(r.color().width()).isEqualTo(128);
        assertThat(r.attention().height()).isEqualTo(128);
        float[] a = r.attention().toArray();
        float[] c = r.color().toPlanes();
        float[] out = r.composite().toPlanes();
        float[] in = face.toPlanes();
        int plane = 128 * 128;
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < plane; i += 97) {
                int k = ch * plane + i;
                assertThat(a[i]).isBetween(0f, 1f);
                assertThat(c[k]).isBetween(0f, 1f);
                // Composite in [-1,1] space maps to the same blend in [0,1] space.
                assertThat(out[k]).isCloseTo(a[i] * in[k] + (1 - a[i]) * c[k], within(1e-5f));
            }
        }
        assertThat(r.attention().mean()).isBetween(0.01, 0.99);
    }

    @Test
    void outputFollowsTheAus() {
        Rendering neutral = model.render(face, AuVector.zero());
        Rendering open = model.render(face, AuVector.parse("AU25=1,AU26=1"));
        assertThat(maxDiff(neutral.color().toPlanes(), open.color().toPlanes())).isGreaterThan(1e-3);
        Rendering again = model.render(face, AuVector.zero());
        assertThat(maxDiff(neutral.composite().toPlanes(), again.composite().toPlanes())).isZero();
    }

    @Test
    void batchEqualsSingleRenders() {
        List<AuVector> frames = new ArrayList<>();
        AuVector target = EmotionPresets.standard().get("surprise").aus();
        for (int i = 0; i < 11; i++) {
            frames.add(AuVector.zero().interpolate(target, i / 10.0));
        }
        List<Rendering> batch = model.renderAll(face, frames);
        assertThat(batch).hasSize(11);
        for (int i : new int[] {0, 5, 10}) {
            Rendering single = model.render(face, frames.get(i));
            assertThat(maxDiff(single.composite().toPlanes(), batch.get(i).composite().toPlanes())).isLessThan(1e-5);
            assertThat(maxDiff(single.attention().toArray(), batch.get(i).attention().toArray())).isLessThan(1e-5);
        }
    }

    @Test
    void isSafeToCallFromSeveralThreads() throws Exception {
        AuVector aus = AuVector.parse("AU12=0.9");
        float[] expected = model.render(face, aus).composite().toPlanes();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> model.render(face, aus).composite().toPlanes()));
            }
            for (Future<float[]> f : results) {
                assertThat(maxDiff(expected, f.get())).isLessThan(1e-6);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesFacesOfTheWrongSize() {
        assertThatThrownBy(() -> model.render(TestModels.testFace(64, 0), AuVector.zero()))
                .hasMessageContaining("face 0 is 64x64; this model takes 128x128 crops");
        assertThatThrownBy(() -> model.renderBatch(List.of(face), List.of()))
                .hasMessageContaining("one AU vector per face");
    }

    @Test
    void aClosedModelSaysSo() throws Exception {
        ExpressionModel m = ExpressionModel.open(ModelDirectory.open(TestModels.fixture()), ComputeDevice.CPU);
        m.close();
        m.close();
        assertThatThrownBy(() -> m.render(face, AuVector.zero())).hasMessageContaining("closed");
    }

    static double maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
