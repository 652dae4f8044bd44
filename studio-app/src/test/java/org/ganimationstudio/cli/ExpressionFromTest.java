package org.ganimationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render --expression-from}: another photo's expression, read by the estimator, copied at an intensity. */
class ExpressionFromTest {

    @TempDir
    Path tmp;

    @Test
    void copiesTheExpressionOfAnotherPhotoAndAtIntensityZeroLeavesTheFace() throws Exception {
        String fixture = CliRun.FIXTURE.toString();
        Path surprised = tmp.resolve("surprised.png");
        CliRun made = CliRun.run("render", "--model", fixture, "-i", CliRun.SAMPLE.toString(), "-o", surprised.toString(),
                "--aus", "AU01=1,AU02=1,AU05=1,AU26=1");
        assertThat(made.status()).as(made.err()).isZero();

        Path copied = tmp.resolve("copied.png");
        CliRun r = CliRun.run("render", "--model", fixture, "-i", CliRun.SAMPLE.toString(), "-o", copied.toString(),
                "--expression-from", surprised.toString(), "--aus", "AU26=1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote");
        assertThat(differing(ImageIO.read(CliRun.SAMPLE.toFile()), ImageIO.read(copied.toFile()))).isGreaterThan(100);

        // intensity 0: the face as photographed, bit for bit
        Path none = tmp.resolve("none.png");
        CliRun zero = CliRun.run("render", "--model", fixture, "-i", CliRun.SAMPLE.toString(), "-o", none.toString(),
                "--expression-from", surprised.toString(), "--intensity", "0");
        assertThat(zero.status()).as(zero.err()).isZero();
        assertThat(differing(ImageIO.read(CliRun.SAMPLE.toFile()), ImageIO.read(none.toFile()))).isZero();

        // a source without a face, or with a preset beside it, is refused in plain words
        Path blank = tmp.resolve("blank.png");
        ImageIO.write(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "png", blank.toFile());
        CliRun noFace = CliRun.run("render", "--model", fixture, "-i", CliRun.SAMPLE.toString(), "-o",
                tmp.resolve("x.png").toString(), "--expression-from", blank.toString());
        assertThat(noFace.status()).isEqualTo(1);
        assertThat(noFace.err()).contains("no face found in blank.png");
        assertThat(tmp.resolve("x.png")).doesNotExist();
        CliRun both = CliRun.run("render", "--model", fixture, "-i", CliRun.SAMPLE.toString(), "-o",
                tmp.resolve("y.png").toString(), "--expression-from", surprised.toString(), "--preset", "happiness");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("--expression-from");
        assertThat(Files.exists(tmp.resolve("y.png"))).isFalse();
    }

    private static int differing(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += (a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff) ? 1 : 0;
            }
        }
        return n;
    }
}
