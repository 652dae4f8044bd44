package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ganimationstudio.model.AuVector;
import org.junit.jupiter.api.Test;

class EditSessionTest {

    @Test
    void aDragIsOneUndoStepAndRedoReplaysIt() throws Exception {
        EditSession s = new EditSession(SampleFixture.faces(), AuVector.zero());
        List<AuVector> seen = new ArrayList<>();
        List<RenderQuality> qualities = new ArrayList<>();
        s.onChange((aus, quality) -> {
            seen.add(aus);
            qualities.add(quality);
        });
        for (int i = 1; i <= 10; i++) {
            s.preview(AuVector.zero().with("AU12", i / 10f));
        }
        s.commit();
        s.set(ExpressionSpec.preset("surprise", 0.5));
        // ten drafts while dragging, the release settles the last of them, a preset is shown settled at once
        assertThat(seen).hasSize(12);
        assertThat(qualities.subList(0, 10)).containsOnly(RenderQuality.DRAFT);
        assertThat(qualities.subList(10, 12)).containsOnly(RenderQuality.FINAL);
        assertThat(seen.get(10)).isEqualTo(seen.get(9));
        assertThat(s.canUndo()).isTrue();
        s.undo();
        assertThat(s.shown()).isEqualTo(AuVector.zero().with("AU12", 1f));
        s.undo();
        assertThat(s.shown()).isEqualTo(AuVector.zero());
        assertThat(s.canUndo()).isFalse();
        s.redo();
        s.redo();
        assertThat(s.shown()).isEqualTo(ExpressionSpec.preset("surprise", 0.5));
        assertThat(s.canRedo()).isFalse();
        // a new step after undo drops the redo branch
        s.undo();
        s.set(AuVector.zero().with("AU26", 1f));
        assertThat(s.canRedo()).isFalse();
    }

    @Test
    void aDragBackToItsStartIsStillRenderedSettledButAddsNoStep() throws Exception {
        EditSession s = new EditSession(SampleFixture.faces(), AuVector.zero());
        List<RenderQuality> qualities = new ArrayList<>();
        s.onChange((aus, quality) -> qualities.add(quality));
        s.preview(AuVector.zero().with("AU04", 0.3f));
        s.preview(AuVector.zero());
        s.commit();
        s.commit(); // a second release (mouse and valueChanging both report one) renders nothing more
        assertThat(qualities).containsExactly(RenderQuality.DRAFT, RenderQuality.DRAFT, RenderQuality.FINAL);
        assertThat(s.canUndo()).isFalse();
    }

    @Test
    void undoDuringADragDropsTheDragFirst() throws Exception {
        EditSession s = new EditSession(SampleFixture.faces(), AuVector.zero());
        s.set(AuVector.zero().with("AU01", 0.5f));
        s.preview(AuVector.zero().with("AU01", 0.9f));
        s.undo();
        assertThat(s.shown()).isEqualTo(AuVector.zero().with("AU01", 0.5f));
        s.undo();
        assertThat(s.shown()).isEqualTo(AuVector.zero());
    }

    @Test
    void historyIsBounded() throws Exception {
        EditSession s = new EditSession(SampleFixture.faces(), AuVector.zero());
        for (int i = 0; i < EditSession.MAX_HISTORY + 50; i++) {
            s.set(AuVector.zero().with("AU12", (i % 100) / 100f + 0.001f));
        }
        int steps = 0;
        while (s.canUndo()) {
            s.undo();
            steps++;
        }
        assertThat(steps).isEqualTo(EditSession.MAX_HISTORY);
        assertThat(s.chosenFace().count()).isEqualTo(1);
    }
}
