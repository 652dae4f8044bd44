package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * The soft-paint warp design: where the residual paints, C carries the warped photo softened to the
 * residual's own resolution (so an iris does not show through a lid painted over it); elsewhere it is
 * the plain warp-residual C. The same numbers as training's test of {@code network.colour_mask}.
 */
class SoftPaintTest {

    static final int SIZE = 32;

    /** A face whose detail is finer than the residual can paint: rows of 0.8 and 0.5 in turn. */
    static float[] stripes(int side) {
        float[] p = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    p[(c * side + y) * side + x] = y % 2 == 0 ? 0.8f : 0.5f;
                }
            }
        }
        return p;
    }

    static GeneratorDesign.GeneratorOutput decode(GeneratorDesign design, float[] face) {
        float[] residual = new float[3 * SIZE * SIZE];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    boolean block = y >= 8 && y < 24 && x >= 8 && x < 24;
                    boolean corner = y < 4 && x < 4;
                    residual[(c * SIZE + y) * SIZE + x] = block ? 0.5f : corner ? 0.04f : 0f; // changes of 0.25, 0.02
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDList out = new NDList(m.zeros(new Shape(1, 2, 8, 8)), m.create(residual, new Shape(1, 3, SIZE, SIZE)),
                    m.zeros(new Shape(1, 1, SIZE, SIZE)));
            return design.decode(out, face, 1, SIZE);
        }
    }

    static float at(float[] planes, int side, int c, int y, int x) {
        return planes[(c * side + y) * side + x];
    }

    @Test
    void wherePaintedTheDetailUnderneathNoLongerShows() throws Exception {
        float[] face = stripes(SIZE);
        float[] soft = decode(GeneratorDesigns.named("warp-soft-paint-generator"), face).color();
        float[] plain = decode(GeneratorDesigns.named("warp-residual-generator"), face).color();
        for (int c = 0; c < 3; c++) {
            for (int y = 10; y < 22; y++) {
                for (int x = 10; x < 22; x++) {
                    // 2 x 2 means of the stripes are 0.65 everywhere; plus half the residual
                    assertThat(at(soft, SIZE, c, y, x)).isCloseTo(0.9f, within(1e-5f));
                    assertThat(at(plain, SIZE, c, y, x)).isEqualTo(at(face, SIZE, c, y, x) + 0.25f);
                }
            }
            // a nudge under PAINT_FROM and the pixels the residual leaves alone are the plain design's
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    if (y >= 24 || (y < 4 && x < 4)) {
                        assertThat(at(soft, SIZE, c, y, x)).isEqualTo(at(plain, SIZE, c, y, x));
                    }
                }
            }
        }
    }

    @Test
    void onALargerCropTheSameRegionIsSoftenedAtTheSameShareOfTheSide() throws Exception {
        int big = 3 * SIZE;
        float[] crop = stripes(big);
        Rendering.CropRenderer sharp = decode(GeneratorDesigns.named("warp-soft-paint-generator"), stripes(SIZE)).sharp().get(0);
        float[] out = sharp.render(RgbImage.ofPlanes(big, big, crop)).toPlanes();
        for (int c = 0; c < 3; c++) {
            for (int y = 30; y < 66; y++) {
                for (int x = 30; x < 66; x++) {
                    // cells of 6 px hold three stripes of each: 0.65, plus 0.25
                    assertThat(at(out, big, c, y, x)).isCloseTo(0.9f, within(1e-5f));
                }
            }
            for (int y = 80; y < big; y++) {
                for (int x = 0; x < big; x++) {
                    assertThat(at(out, big, c, y, x)).isEqualTo(at(crop, big, c, y, x));
                }
            }
        }
    }

    @Test
    void areaMeansHalveAndKeepTheMeanAtAnyRatio() {
        float[] line = {1, 3, 5, 7, 2, 4};
        assertThat(FlowFields.shrink(line, 0, 6, 1, 3, 1)).containsExactly(2f, 6f, 3f);
        float[] four = FlowFields.shrink(line, 0, 6, 1, 4, 1); // cells of 1.5 px
        assertThat(four[0]).isCloseTo((1 + 0.5f * 3) / 1.5f, within(1e-6f));
        assertThat((four[0] + four[1] + four[2] + four[3]) / 4).isCloseTo((1 + 3 + 5 + 7 + 2 + 4) / 6f, within(1e-6f));
    }
}
