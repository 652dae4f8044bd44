package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor on the sample portrait with the fixture generator: real detection, inference and paste-back. */
class ExpressionEditorTest {

    static ExpressionModel model;
    static PhotoFaces faces;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() throws Exception {
        model = SampleFixture.openModel();
        faces = SampleFixture.faces();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void animationFramesMatchSingleEditsAtTheSameAus() throws Exception {
        ExpressionEditor editor = new ExpressionEditor(model);
        List<AuVector> frames = Timeline.between(AuVector.zero(), AuVector.parse("AU12=1,AU25=1"), 1, Easing.LINEAR).frames(10, false);
        List<EditedPhoto> got = new ArrayList<>();
        editor.animate(faces, frames, () -> false, (i, f) -> {
            assertThat(i).isEqualTo(got.size());
            got.add(f);
        });
        assertThat(got).hasSize(10);
        EditedPhoto single = editor.edit(faces, frames.get(9));
        assertThat(got.get(9).photo().width()).isEqualTo(512);
        // batched and single renders agree to float rounding: at most 1 grey level on any pixel
        var a = got.get(9).photo().image().getRaster();
        var b = single.photo().image().getRaster();
        int worst = 0;
        for (int y = 0; y < 512; y += 3) {
            for (int x = 0; x < 512; x += 3) {
                for (int c = 0; c < 3; c++) {
                    worst = Math.max(worst, Math.abs(a.getSample(x, y, c) - b.getSample(x, y, c)));
                }
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1);
        assertThat(got.get(0).faces().get(0).composite().toPlanes())
                .isNotEqualTo(got.get(9).faces().get(0).composite().toPlanes());
    }

    @Test
    void aCancelledAnimationStopsAndWritesNothing() throws Exception {
        Path target = tmp.resolve("x.gif");
        Timeline t = Timeline.between(AuVector.zero(), AuVector.parse("AU12=1"), 4, Easing.LINEAR);
        int[] calls = {0};
        try {
            new AnimationExport(new ExpressionEditor(model)).write(faces, t, new AnimationSettings(10, false, 128, false),
                    target, () -> calls[0]++ > 1, n -> { });
            throw new AssertionError("expected a cancellation");
        } catch (java.util.concurrent.CancellationException expected) {
            assertThat(calls[0]).isEqualTo(3);
        }
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void faceOnlyAnimationsShowTheAlignedCrop() throws Exception {
        Path target = tmp.resolve("face.gif");
        Timeline t = Timeline.between(AuVector.zero(), AuVector.parse("AU26=1"), 0.5, Easing.LINEAR);
        AnimationExport.Result r = new AnimationExport(new ExpressionEditor(model))
                .write(faces, t, new AnimationSettings(10, true, 0, true), target, () -> false, n -> { });
        assertThat(r.frames()).isEqualTo(8);
        DecodedAnimation d = DecodedAnimation.read(target);
        assertThat(d.frameCount()).isEqualTo(8);
        assertThat(d.width()).isEqualTo(model.inputSize());
        // ping-pong: frame 1 and frame 7 show the same expression
        assertThat(d.difference(1, 7)).isLessThan(1.0);
        assertThat(d.difference(0, 4)).isGreaterThan(d.difference(1, 7));
    }
}
