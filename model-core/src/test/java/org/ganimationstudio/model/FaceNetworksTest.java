package org.ganimationstudio.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped face finder networks, run through DJL on the public-domain sample portrait. */
class FaceNetworksTest {

    static final Path FACE_MODELS = TestModels.repoRoot().resolve("assets/models/face");
    private static FaceNetworks networks;
    private static BufferedImage sample;

    @BeforeAll
    static void open() throws Exception {
        networks = FaceNetworks.open(FACE_MODELS, ComputeDevice.CPU);
        sample = ImageIO.read(TestModels.repoRoot().resolve("assets/samples/astronaut.png").toFile());
    }

    @AfterAll
    static void close() {
        networks.close();
    }

    static RgbImage scaled(BufferedImage image, int x, int y, int side, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, size, size, x, y, x + side, y + side, null);
        g.dispose();
        return RgbImage.fromBufferedImage(out);
    }

    @Test
    void detectorFindsTheAstronautsFaceWhereItIs() {
        float[] rows = networks.detect(scaled(sample, 0, 0, 512, networks.detectorSize()));
        assertThat(rows).hasSize(896 * 17); // 16 x 16 cells x 2 anchors, 8 x 8 cells x 6
        int best = 0;
        for (int i = 0; i < 896; i++) {
            if (rows[i * 17] > rows[best * 17]) {
                best = i;
            }
        }
        float[] r = java.util.Arrays.copyOfRange(rows, best * 17, best * 17 + 17);
        assertThat(r[0]).as("score").isGreaterThan(0.8f);
        // the face of the 512-px portrait: centre about (224, 127), about 105 px wide (measured in PyTorch)
        assertThat(r[1] * 2).isCloseTo(224.5f, org.assertj.core.data.Offset.offset(3f));
        assertThat(r[2] * 2).isCloseTo(126.7f, org.assertj.core.data.Offset.offset(3f));
        assertThat(r[3] * 2).isCloseTo(105.7f, org.assertj.core.data.Offset.offset(4f));
        // the subject's right eye is left in the picture and level with the other
        assertThat(r[5]).isLessThan(r[7]);
        assertThat(Math.abs(r[6] - r[8]) * 2).isLessThan(4f);
    }

    @Test
    void detectorRunsAtOtherSizes() {
        // 512 x 384: 32 x 24 cells x 2 + 16 x 12 x 6 anchors; the face is found at the same place
        BufferedImage wide = new BufferedImage(512, 384, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.drawImage(sample, 0, 0, 512, 384, 0, 64, 512, 448, null);
        g.dispose();
        float[] rows = networks.detect(RgbImage.fromBufferedImage(wide));
        assertThat(rows).hasSize((32 * 24 * 2 + 16 * 12 * 6) * 17);
        int best = 0;
        for (int i = 0; i < rows.length / 17; i++) {
            if (rows[i * 17] > rows[best * 17]) {
                best = i;
            }
        }
        assertThat(rows[best * 17]).isGreaterThan(0.8f);
        assertThat(rows[best * 17 + 1]).isCloseTo(224.5f, org.assertj.core.data.Offset.offset(6f));
        assertThat(rows[best * 17 + 2]).isCloseTo(126.7f - 64, org.assertj.core.data.Offset.offset(6f));
        assertThatThrownBy(() -> networks.detect(RgbImage.fromBufferedImage(new BufferedImage(100, 64,
                BufferedImage.TYPE_INT_RGB)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void landmarksFollowTheFace() {
        // a square round the face box scaled by 1.25, as the finder cuts it
        float[] p = networks.landmarks(List.of(scaled(sample, 158, 61, 132, networks.landmarkSize())));
        assertThat(p).hasSize(136);
        double eyeY = (p[2 * 36 + 1] + p[2 * 45 + 1]) / 2;
        double mouthY = (p[2 * 48 + 1] + p[2 * 54 + 1]) / 2;
        double chinY = p[2 * 8 + 1];
        assertThat(eyeY).isLessThan(mouthY);
        assertThat(mouthY).isLessThan(chinY);
        assertThat(p[2 * 36]).isLessThan(p[2 * 45]); // jaw and eyes left to right, as dlib orders them
        assertThat(p[0]).isLessThan(p[2 * 16]);
        for (float v : p) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void refusesADamagedFile(@TempDir Path tmp) throws Exception {
        for (String f : List.of("model.json", "detector.pt", "landmarks.pt")) {
            Files.copy(FACE_MODELS.resolve(f), tmp.resolve(f));
        }
        Files.write(tmp.resolve("landmarks.pt"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> FaceNetworks.open(tmp, ComputeDevice.CPU))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("landmarks.pt is damaged");
    }

    @Test
    void refusesAFolderOfAnotherKind() {
        assertThatThrownBy(() -> FaceNetworks.open(TestModels.repoRoot().resolve("assets/models/fixture"), ComputeDevice.CPU))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("does not hold face finder models");
    }

    @Test
    void speedIsPrintedForTheRecord() {
        for (int side : new int[] {256, 512}) {
            RgbImage picture = scaled(sample, 0, 0, 512, side);
            for (int k = 0; k < 5; k++) {
                networks.detect(picture); // the TorchScript executor optimises over the first runs
            }
            long t = System.nanoTime();
            for (int k = 0; k < 5; k++) {
                networks.detect(picture);
            }
            System.out.printf("detector at %d: %.1f ms%n", side, (System.nanoTime() - t) / 5e6);
        }
        assertThat(networks.detectorSize()).isEqualTo(256);
    }
}
