package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.model.AuEstimator;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.ModelDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edits start from each face's own expression, read by the shipped AU estimator: asked for that, the photo
 * comes back bit-identical; a preset's intensity runs from it (0) to the preset (1); and a second generator
 * design renders through the same services.
 */
class UntouchedUntilAskedTest {

    static ExpressionModel model;
    static FaceAuReader reader;

    @BeforeAll
    static void open() throws Exception {
        model = SampleFixture.openModel();
        reader = new FaceAuReader(() -> AuEstimator.open(ShippedModels.estimator(null), ComputeDevice.CPU));
    }

    @AfterAll
    static void close() {
        reader.close();
        model.close();
    }

    static PhotoFaces freshFaces() throws Exception {
        try (FaceFinder d = ShippedModels.faceFinder()) {
            return PhotoFaces.detect(new PhotoReader().read(SampleFixture.SAMPLE), d);
        }
    }

    static int changedPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void intensityZeroIsThePhotoAndIntensityRunsFromTheFaceToThePreset() throws Exception {
        PhotoFaces faces = freshFaces();
        ExpressionEditor editor = new ExpressionEditor(model, reader, true);
        AuVector own = editor.own(faces).get(0);
        // the sample smiles: the estimator reads its lip corners up
        assertThat(own.get("AU12")).isGreaterThan(0.1f);

        EditedPhoto zero = editor.edit(faces, ExpressionSpec.resolve("surprise", 0, null, null));
        assertThat(changedPixels(zero.photo().image(), faces.photo().image())).isZero();

        FaceExpression half = ExpressionSpec.resolve("surprise", 0.5, null, null);
        AuVector surprise = ExpressionSpec.preset("surprise", 1);
        AuVector target = half.target(own);
        for (int i = 0; i < 17; i++) {
            assertThat(target.get(i)).isCloseTo((own.get(i) + surprise.get(i)) / 2, org.assertj.core.data.Offset.offset(1e-6f));
        }
        EditedPhoto edited = editor.edit(faces, half);
        assertThat(changedPixels(edited.photo().image(), faces.photo().image())).isGreaterThan(200);

        // happiness keeps the chin, the jaw and the lids as photographed all the way to full strength
        AuVector happy = ExpressionSpec.resolve("happiness", 1, null, null).target(own);
        assertThat(happy.get("AU12")).isEqualTo(1f);
        for (String kept : List.of("AU17", "AU26", "AU45")) {
            assertThat(happy.get(kept)).isEqualTo(own.get(kept));
        }
        assertThat(own.get("AU17") + own.get("AU26") + own.get("AU45")).isPositive(); // the sample shows some

        // AUs set on their own leave the others as photographed
        AuVector jaw = ExpressionSpec.resolve(null, 1, null, "AU26=0.9").target(own);
        assertThat(jaw.get("AU26")).isEqualTo(0.9f);
        assertThat(jaw.get("AU12")).isEqualTo(own.get("AU12"));
    }

    @Test
    void anAnimationFromTheFaceStartsWithThePhotoItself() throws Exception {
        PhotoFaces faces = freshFaces();
        ExpressionEditor editor = new ExpressionEditor(model, reader, true);
        AuVector own = editor.own(faces).get(0);
        List<BufferedImage> frames = new ArrayList<>();
        editor.animate(faces, o -> Timeline.between(o, ExpressionSpec.preset("happiness", 1), 0.3, Easing.LINEAR)
                .frames(10, false), () -> false, (i, f) -> frames.add(f.photo().image()));
        assertThat(frames).hasSize(3);
        assertThat(changedPixels(frames.get(0), faces.photo().image())).isZero();
        assertThat(changedPixels(frames.get(2), faces.photo().image())).isGreaterThan(200);
        assertThat(own).isEqualTo(editor.own(faces).get(0)); // read once, kept
    }

    @Test
    void aSecondGeneratorDesignRendersThroughTheSameServices() throws Exception {
        PhotoFaces faces = freshFaces();
        try (ExpressionModel warp = ExpressionModel.open(
                ModelDirectory.open(SampleFixture.ROOT.resolve("assets/models/fixture-warp")), ComputeDevice.CPU)) {
            ExpressionEditor editor = new ExpressionEditor(warp, null, true);
            assertThat(changedPixels(editor.edit(faces, AuVector.zero()).photo().image(), faces.photo().image())).isZero();
            BufferedImage lifted = editor.edit(faces, AuVector.zero().with("AU01", 1f)).photo().image();
            // the warp fixture lifts the upper half of the crop: pixels change above the face's centre, not below
            var face = faces.faces().get(0);
            int above = 0;
            int below = 0;
            BufferedImage photo = faces.photo().image();
            for (int y = 0; y < photo.getHeight(); y++) {
                for (int x = 0; x < photo.getWidth(); x++) {
                    if (lifted.getRGB(x, y) != photo.getRGB(x, y)) {
                        if (y < face.centerY() - 2) {
                            above++;
                        } else if (y > face.centerY() + face.size() * 0.4) {
                            below++;
                        }
                    }
                }
            }
            assertThat(above).isGreaterThan(1000);
            assertThat(below).isZero();
        }
    }
}
