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
 * not the photo under the pixel; where P is 0, C is the plain warp-residual C. The same composition as
 * training's {@code network.colour_mask} for a lift network.
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
        float[] flow = new float[4 * 8 * 8];
        for (int k = 3 * 64; k < 4 * 64; k++) {
            flow[k] = UP;
        }
        float[] residual = new float[4 * SIZE * SIZE];
        for (int y = 14; y < 22; y++) {
            for (int x = 8; x < 24; x++) {
                residual[(3 * SIZE + y) * SIZE + x] = 1f;
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDList out = new NDList(m.create(flow, new Shape(1, 4, 8, 8)), m.create(residual, new Shape(1, 4, SIZE, SIZE)),
                    m.zeros(new Shape(1, 1, SIZE, SIZE)));
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
    void aPlainNetworksOutputsAreRefusedInPlainWords() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList out = new NDList(m.zeros(new Shape(1, 2, 8, 8)), m.zeros(new Shape(1, 3, SIZE, SIZE)),
                    m.zeros(new Shape(1, 1, SIZE, SIZE)));
            assertThatThrownBy(() -> GeneratorDesigns.named("warp-lift-generator").decode(out, ramp(SIZE), 1, SIZE))
                    .hasMessageContaining("expected (1, 4, h, w)");
        }
    }
}
