package org.ganimationstudio.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.ganimationstudio.model.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The colour guard removes tints an edit adds and keeps what it reveals; pasting a change touches only what changed. */
class ColorGuardTest {

    private static final int SIZE = 128;
    private static Photo astronaut;
    private static FaceCrop crop;
    private static RgbImage input;

    @BeforeAll
    static void setUp() throws Exception {
        astronaut = TestPhotos.read(TestPhotos.astronaut());
        try (HaarFaceFinder d = new HaarFaceFinder()) {
            crop = FaceCrop.of(d.detect(astronaut).get(0));
        }
        input = FaceCropper.extract(astronaut, crop, SIZE);
    }

    /** The input with a patch (rows 70–100, columns 40–88) changed by {@code change}. */
    private static float[] patched(float[] in, java.util.function.BiFunction<Integer, Float, Float> change) {
        float[] out = in.clone();
        int plane = SIZE * SIZE;
        for (int c = 0; c < 3; c++) {
            for (int y = 70; y < 100; y++) {
                for (int x = 40; x < 88; x++) {
                    int k = c * plane + y * SIZE + x;
                    out[k] = Math.max(0f, Math.min(1f, change.apply(c, in[k])));
                }
            }
        }
        return out;
    }

    /** Mean |Δa*| + |Δb*| over the patch between two planar images. */
    private static double chromaShift(float[] a, float[] b) {
        float[] la = ColorGuard.lab(a, SIZE);
        float[] lb = ColorGuard.lab(b, SIZE);
        double sum = 0;
        int n = 0;
        for (int y = 74; y < 96; y++) {
            for (int x = 44; x < 84; x++) {
                int i = y * SIZE + x;
                sum += Math.abs(la[3 * i + 1] - lb[3 * i + 1]) + Math.abs(la[3 * i + 2] - lb[3 * i + 2]);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void aMagentaCastIsRemoved() {
        float[] in = input.toPlanes();
        // more red and blue, less green: a magenta tint at about the same lightness
        float[] tinted = patched(in, (c, v) -> c == 1 ? v - 0.06f : v + 0.05f);
        float[] guarded = ColorGuard.apply(in, tinted, SIZE);
        double before = chromaShift(in, tinted);
        double after = chromaShift(in, guarded);
        assertThat(before).isGreaterThan(10);
        assertThat(after).isLessThan(before * 0.25);
    }

    @Test
    void somethingNewAndBrightIsKept() {
        float[] in = input.toPlanes();
        // teeth: near-white, far brighter than the lips they replace
        float[] teeth = patched(in, (c, v) -> c == 2 ? 0.88f : 0.93f);
        float[] guarded = ColorGuard.apply(in, teeth, SIZE);
        assertThat(chromaShift(teeth, guarded)).isLessThan(0.15 * chromaShift(in, teeth));
    }

    @Test
    void aChangeThatIsNoChangeLeavesThePhotoAsItIs() {
        Photo out = FacePaster.pasteChange(astronaut, crop, input, input, input, true);
        assertThat(out).isSameAs(astronaut);
    }

    @Test
    void onlyPixelsNearTheChangeAreTouched() {
        RgbImage after = RgbImage.ofPlanes(SIZE, SIZE, patched(input.toPlanes(), (c, v) -> v * 0.7f));
        Photo out = FacePaster.pasteChange(astronaut, crop, input, input, after, true);
        BufferedImage a = astronaut.image();
        BufferedImage b = out.image();
        int changed = 0;
        int changedFarAway = 0;
        java.awt.geom.AffineTransform toCrop = crop.photoToCrop(SIZE);
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    changed++;
                    var p = toCrop.transform(new java.awt.geom.Point2D.Double(x + 0.5, y + 0.5), null);
                    // the patch plus a few crop pixels of blur and interpolation
                    if (p.getX() < 34 || p.getX() > 94 || p.getY() < 64 || p.getY() > 106) {
                        changedFarAway++;
                    }
                }
            }
        }
        assertThat(changed).isGreaterThan(500);
        assertThat(changedFarAway).isZero();
    }
}
