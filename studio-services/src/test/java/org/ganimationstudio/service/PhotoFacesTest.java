package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.ganimationstudio.face.DetectedFace;
import org.ganimationstudio.model.RgbImage;
import org.junit.jupiter.api.Test;

/** The preview-size copy of a photo keeps its faces where they are. */
class PhotoFacesTest {

    @Test
    void aScaledCopyHasTheSameFacesAtTheSameRelativePlaceAndNearlyTheSameCrop() throws Exception {
        PhotoFaces full = SampleFixture.faces();
        assertThat(full.scaledTo(512)).isSameAs(full);
        assertThat(full.scaledTo(4096)).isSameAs(full);

        PhotoFaces small = full.scaledTo(256);
        assertThat(small.photo().width()).isEqualTo(256);
        assertThat(small.photo().height()).isEqualTo(256);
        assertThat(small.count()).isEqualTo(full.count());
        DetectedFace a = full.faces().get(0);
        DetectedFace b = small.faces().get(0);
        assertThat(b.centerX()).isCloseTo(a.centerX() / 2, org.assertj.core.data.Offset.offset(0.5));
        assertThat(b.size()).isCloseTo(a.size() / 2, org.assertj.core.data.Offset.offset(0.5));
        assertThat(b.rollDegrees()).isEqualTo(a.rollDegrees());

        // the model sees almost the same face: only resampling differs
        RgbImage x = full.inputs(128).get(0);
        RgbImage y = small.inputs(128).get(0);
        float[] p = x.toPlanes();
        float[] q = y.toPlanes();
        double diff = 0;
        for (int i = 0; i < p.length; i++) {
            diff += Math.abs(p[i] - q[i]);
        }
        assertThat(diff / p.length).as("mean |full crop - preview crop|").isLessThan(0.03);
    }
}
