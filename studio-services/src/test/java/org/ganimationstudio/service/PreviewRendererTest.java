package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.ModelDirectory;
import org.junit.jupiter.api.Test;

/** The latest-wins render loop with the fixture generator on the sample portrait. */
class PreviewRendererTest {

    @Test
    void aBurstOfSliderMovesRendersTheLastStateAndDropsTheStaleOnes() throws Exception {
        try (ExpressionModel model = SampleFixture.openModel();
             PreviewRenderer preview = new PreviewRenderer(new ExpressionEditor(model))) {
            List<Float> shown = new CopyOnWriteArrayList<>();
            CountDownLatch last = new CountDownLatch(1);
            for (int i = 0; i <= 100; i++) {
                float v = i / 100f;
                boolean isLast = i == 100;
                preview.request(SampleFixture.faces(), AuVector.zero().with("AU12", v), r -> {
                    shown.add(v);
                    if (isLast) {
                        last.countDown();
                    }
                }, e -> { });
            }
            assertThat(last.await(60, TimeUnit.SECONDS)).isTrue();
            // far fewer renders than requests; the last one always rendered; results in request order
            assertThat(shown.get(shown.size() - 1)).isEqualTo(1f);
            assertThat(shown).isSorted();
            assertThat(preview.renderedCount()).isEqualTo(shown.size()).isLessThan(101);
            assertThat(preview.droppedCount() + preview.renderedCount()).isEqualTo(101);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("preview-render") && t.isAlive());
    }

    @Test
    void draftsGoThroughThePreviewGeneratorAndSettledValuesThroughTheFullOne() throws Exception {
        ModelDirectory shipped = ModelDirectory.open(SampleFixture.ROOT.resolve("assets/models/ganimation-paper"));
        AuVector smile = ExpressionSpec.preset("happiness", 1);
        try (ExpressionModel full = SampleFixture.openModel();
             ExpressionModel draft = ExpressionModel.open(shipped.preview().orElseThrow(), ComputeDevice.CPU);
             PreviewRenderer preview = new PreviewRenderer(new ExpressionEditor(full), new ExpressionEditor(draft))) {
            assertThat(preview.hasDraftGenerator()).isTrue();
            float[] fromDraft = renderOnce(preview, smile, RenderQuality.DRAFT);
            float[] fromFinal = renderOnce(preview, smile, RenderQuality.FINAL);
            float[] draftDirect = new ExpressionEditor(draft).edit(SampleFixture.faces(), smile)
                    .faces().get(0).composite().toPlanes();
            float[] fullDirect = new ExpressionEditor(full).edit(SampleFixture.faces(), smile)
                    .faces().get(0).composite().toPlanes();
            assertThat(fromDraft).containsExactly(draftDirect);
            assertThat(fromFinal).containsExactly(fullDirect);
            assertThat(fromDraft).isNotEqualTo(fromFinal);
        }
    }

    private static float[] renderOnce(PreviewRenderer preview, AuVector aus, RenderQuality quality) throws Exception {
        CompletableFuture<EditedPhoto> done = new CompletableFuture<>();
        preview.request(SampleFixture.faces(), aus, quality, done::complete, done::completeExceptionally);
        return done.get(60, TimeUnit.SECONDS).faces().get(0).composite().toPlanes();
    }

    @Test
    void aFailedRenderReachesItsErrorCallbackAndTheLoopGoesOn() throws Exception {
        try (ExpressionModel model = SampleFixture.openModel();
             PreviewRenderer preview = new PreviewRenderer(new ExpressionEditor(model))) {
            CountDownLatch failed = new CountDownLatch(1);
            // a closed model refuses to render: a request that fails inside the model
            model.close();
            preview.request(SampleFixture.faces(), AuVector.zero(), r -> { }, e -> failed.countDown());
            assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
