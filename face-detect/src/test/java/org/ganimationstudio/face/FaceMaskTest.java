package org.ganimationstudio.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.FaceNetworks;
import org.ganimationstudio.model.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pasting through the face's outline: the face changes, hair and background in the crop's square do not. */
class FaceMaskTest {

    private static final int SIZE = 128;
    private static Photo astronaut;
    private static DetectedFace face;

    @BeforeAll
    static void setUp() throws Exception {
        astronaut = TestPhotos.read(TestPhotos.astronaut());
        try (CnnFaceFinder finder = new CnnFaceFinder(FaceNetworks.open(TestPhotos.repoRoot().resolve("assets/models/face"),
                ComputeDevice.CPU))) {
            face = finder.detect(astronaut).get(0);
        }
    }

    /** The crop with every value raised by 0.2: an edit that would repaint the whole square. */
    static RgbImage brighter(RgbImage in) {
        float[] p = in.toPlanes();
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.min(1f, p[i] + 0.2f);
        }
        return RgbImage.ofPlanes(SIZE, SIZE, p);
    }

    static boolean changed(BufferedImage a, BufferedImage b, int x, int y) {
        return a.getRGB(x, y) != b.getRGB(x, y);
    }

    @Test
    void theOutlineKeepsHairAndBackground() {
        FaceCrop crop = FaceCrop.of(face);
        RgbImage input = FaceCropper.extract(astronaut, crop, SIZE);
        BufferedImage out = FacePaster.pasteCrop(astronaut, crop, input, brighter(input)).image();
        BufferedImage in = astronaut.image();
        // cheeks, nose, mouth and the brows change
        FaceLandmarks lm = face.landmarks();
        for (int i : new int[] {30, 48, 54, 19, 24, 2, 14}) {
            assertThat(changed(in, out, (int) lm.x(i), (int) lm.y(i))).as("landmark " + i).isTrue();
        }
        // the crown of the hair, the hair beside the temples and the wall beside the face stay as they were
        int[][] outside = {{225, 30}, {160, 90}, {290, 90}, {130, 200}, {320, 200}};
        for (int[] p : outside) {
            assertThat(changed(in, out, p[0], p[1])).as("pixel " + p[0] + "," + p[1]).isFalse();
        }
        // without landmarks the same edit fills the feathered square, hair included
        FaceCrop square = new FaceCrop(crop.centerX(), crop.centerY(), crop.side(), crop.rollDegrees());
        BufferedImage boxed = FacePaster.pasteCrop(astronaut, square, input, brighter(input)).image();
        assertThat(changed(in, boxed, 160, 90)).isTrue();
    }

    @Test
    void theMaskFadesInsideTheOutline() {
        float[] mask = FaceMask.inCrop(FaceCrop.of(face), SIZE, CropGeometry.standard());
        assertThat(mask[64 * SIZE + 64]).isEqualTo(1f); // the crop's centre is well inside the face
        assertThat(mask[0]).isZero();
        int partial = 0;
        for (float v : mask) {
            partial += v > 0 && v < 1 ? 1 : 0;
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(partial).as("pixels in the feather").isGreaterThan(200);
        assertThat(FaceMask.inCrop(new FaceCrop(1, 1, 1, 0), SIZE, CropGeometry.standard())).isNull();
    }
}
