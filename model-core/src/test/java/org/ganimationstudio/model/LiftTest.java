package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The lift warp design: where its paint mask P is 1, C is the photo from where the source flow points (softened),
 * not the photo under the pixel, and the attention keeps none of the photo there; where P is 0, C and A are the
 * plain warp-residual design's. The same composition as training's {@code network.colour_mask} and
 * {@code network.kept} for a lift network.
 */
class LiftTest {

    static final int SIZE = 32;
    /** The source flow's lift: a quarter of the side up (y below 0 reads above). */
    static final float UP = -0.25f;

    /** A face that brightens downwards, one step a row: softening (2 × 2 means, bilinear back) keeps it. */
    static float[] ramp(int side) {
        float[] p = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    p[(c * side + y) * side + x] = 0.1f + 0.8f * y / side;
                }
            }
        }
        return p;
    }

    /** P = 1 on rows 14-21, columns 8-23, 0 elsewhere; F = 0, F2 = {@link #UP}, ΔC = 0, A = 0. */
    static GeneratorDesign.GeneratorOutput decode(float[] face) throws Exception {
        return decode(face, 1f, 0f);
    }

    /** P = {@code paint} on rows 14-21, columns 8-23, 0 elsewhere; F = 0, F2 = {@link #UP}, ΔC = 0, A = {@code keep}. */
    static GeneratorDesign.GeneratorOutput decode(float[] face, float paint, float keep) throws Exception {
        float[] flow = new float[4 * 8 * 8];
        for (int k = 3 * 64; k < 4 * 64; k++) {
            flow[k] = UP;
        }
        float[] residual = new float[4 * SIZE * SIZE];
        for (int y = 14; y < 22; y++) {
            for (int x = 8; x < 24; x++) {
                residual[(3 * SIZE + y) * SIZE + x] = paint;
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDList out = new NDList(m.create(flow, new Shape(1, 4, 8, 8)), m.create(residual, new Shape(1, 4, SIZE, SIZE)),
                    m.full(new Shape(1, 1, SIZE, SIZE), keep));
            return GeneratorDesigns.named("warp-lift-generator").decode(out, face, 1, SIZE);
        }
    }

    static float at(float[] planes, int side, int c, int y, int x) {
        return planes[(c * side + y) * side + x];
    }

    @Test
    void wherePaintedThePixelComesFromAboveAndElsewhereThePhotoStays() throws Exception {
        float[] face = ramp(SIZE);
        float[] color = decode(face).color();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    boolean painted = y >= 14 && y < 22 && x >= 8 && x < 24;
                    // a quarter of 32 px is 8 rows up; the fade at the crop's border touches only F, which is 0
                    float want = painted ? at(face, SIZE, c, y - 8, x) : at(face, SIZE, c, y, x);
                    assertThat(at(color, SIZE, c, y, x)).as("(%d, %d)", x, y).isCloseTo(want, within(1e-5f));
                }
            }
        }
    }

    @Test
    void onALargerCropTheSourceIsTheSameShareOfTheSideAbove() throws Exception {
        int big = 3 * SIZE;
        Rendering.CropRenderer sharp = decode(ramp(SIZE)).sharp().get(0);
        float[] crop = ramp(big);
        float[] out = sharp.render(RgbImage.ofPlanes(big, big, crop)).toPlanes();
        for (int y = 45; y < 63; y++) {
            for (int x = 27; x < 69; x++) {
                assertThat(at(out, big, 0, y, x)).isCloseTo(at(crop, big, 0, y - 24, x), within(1e-5f));
            }
        }
        assertThat(at(out, big, 0, 80, 40)).isEqualTo(at(crop, big, 0, 80, 40));
    }

    @Test
    void anAttentionThatKeepsThePhotoKeepsNoneOfItWhereTheLidIsLaidIn() throws Exception {
        int big = 3 * SIZE;
        float[] crop = ramp(big);
        // A = 1 everywhere: the plain design would keep the whole photo; P = 0.9 paints wholly (from 0.75)
        GeneratorDesign.GeneratorOutput full = decode(ramp(SIZE), 0.9f, 1f);
        assertThat(full.attention()[16 * SIZE + 12]).isZero();
        assertThat(full.attention()[4 * SIZE + 12]).isEqualTo(1f);
        float[] out = full.sharp().get(0).render(RgbImage.ofPlanes(big, big, crop)).toPlanes();
        assertThat(at(out, big, 0, 54, 48)).isCloseTo(at(crop, big, 0, 54 - 24, 48), within(1e-5f));
        assertThat(at(out, big, 0, 80, 40)).isEqualTo(at(crop, big, 0, 80, 40));
        // P = 0.45 paints half (from 0.15 to 0.75): half the photo's own pixel, half the one from above
        GeneratorDesign.GeneratorOutput half = decode(ramp(SIZE), 0.45f, 1f);
        assertThat(half.attention()[16 * SIZE + 12]).isCloseTo(0.5f, within(1e-5f));
        float[] mixed = half.sharp().get(0).render(RgbImage.ofPlanes(big, big, crop)).toPlanes();
        float want = 0.5f * at(crop, big, 0, 54, 48) + 0.5f * (0.5f * at(crop, big, 0, 54, 48) + 0.5f * at(crop, big, 0, 30, 48));
        assertThat(at(mixed, big, 0, 54, 48)).isCloseTo(want, within(1e-5f));
        // a faint mask (P = 0.1) paints nothing
        assertThat(decode(ramp(SIZE), 0.1f, 1f).attention()[16 * SIZE + 12]).isEqualTo(1f);
    }

    @Test
    void aPlainNetworksOutputsAreRefusedInPlainWords() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList out = new NDList(m.zeros(new Shape(1, 2, 8, 8)), m.zeros(new Shape(1, 3, SIZE, SIZE)),
                    m.zeros(new Shape(1, 1, SIZE, SIZE)));
            assertThatThrownBy(() -> GeneratorDesigns.named("warp-lift-generator").decode(out, ramp(SIZE), 1, SIZE))
                    .hasMessageContaining("expected (1, 4, h, w)");
        }
    }
}
