package org.ganimationstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.ganimationstudio.service.DecodedAnimation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** animate, sheet, batch and aus on the sample portrait, checked through the files they write. */
class AnimationCommandsTest {

    private static final Path ROOT = CliRun.ROOT;
    private static final Path SAMPLE = CliRun.SAMPLE;
    private static final String FIXTURE = CliRun.FIXTURE.toString();

    @TempDir
    Path tmp;

    @Test
    void animateWritesALoopingGifOfTheRequestedFramesAndSize() throws Exception {
        Path gif = tmp.resolve("smile.gif");
        CliRun r = CliRun.run("animate", "--model", FIXTURE, "-i", SAMPLE.toString(), "-o", gif.toString(),
                "--preset", "happiness", "--duration", "0.8", "--fps", "10", "--ping-pong", "--size", "200");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("14 frames of 200x200 at 10 fps");
        DecodedAnimation d = DecodedAnimation.read(gif);
        assertThat(d.frameCount()).isEqualTo(14);
        assertThat(d.width()).isEqualTo(200);
        assertThat(d.height()).isEqualTo(200);
        assertThat(DecodedAnimation.gifLoopsForever(gif)).isTrue();
        // the face moves (frame 0 vs the target; only inside the face's outline), the photo's corner does not
        assertThat(d.difference(0, 7)).isGreaterThan(0.15);
        assertThat(d.difference(1, 13)).isLessThan(d.difference(0, 7));
    }

    @Test
    void animateWritesAnH264Mp4AlongAKeyframesTimeline() throws Exception {
        Path timeline = Files.writeString(tmp.resolve("t.json"), """
                {"keyframes": [
                  {"time": 0},
                  {"time": 0.5, "preset": "surprise", "easing": "ease-out"},
                  {"time": 1.0, "AU12": 1, "AU25": 0.6, "easing": "linear"}
                ]}""");
        Path mp4 = tmp.resolve("talk.mp4");
        CliRun r = CliRun.run("animate", "--model", FIXTURE, "-i", SAMPLE.toString(), "-o", mp4.toString(),
                "--keyframes", timeline.toString(), "--fps", "12", "--size", "256");
        assertThat(r.status()).as(r.err()).isZero();
        DecodedAnimation d = DecodedAnimation.read(mp4);
        assertThat(d.codec()).isEqualTo("h264");
        assertThat(d.frameCount()).isEqualTo(12);
        assertThat(d.width()).isEqualTo(256);
        assertThat(d.height()).isEqualTo(256);
    }

    @Test
    void animateStartsFromTheFacesCurrentExpressionByDefault() throws Exception {
        Path gif = tmp.resolve("face.gif");
        CliRun r = CliRun.run("animate", "--model", FIXTURE, "-i", SAMPLE.toString(), "-o", gif.toString(),
                "--aus", "AU26=1", "--duration", "0.2", "--fps", "10", "--face-only");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(DecodedAnimation.read(gif).width()).isEqualTo(128);
        CliRun bad = CliRun.run("animate", "--model", FIXTURE, "-i", SAMPLE.toString(), "-o", tmp.resolve("x.gif").toString(),
                "--aus", "AU26=1", "--estimator", tmp.toString());
        assertThat(bad.status()).isNotZero();
        // every edit starts from the face's own expression: without an estimator to read it, a plain reason
        assertThat(bad.err()).contains("needs the AU estimator", "where every edit starts").doesNotContain("\tat ");
        CliRun noTarget = CliRun.run("animate", "--model", FIXTURE, "-i", SAMPLE.toString(), "-o", tmp.resolve("y.gif").toString());
        assertThat(noTarget.err()).contains("give a target expression");
        CliRun wrongExt = CliRun.run("animate", "--model", FIXTURE, "-i", SAMPLE.toString(), "-o", tmp.resolve("y.avi").toString(),
                "--preset", "anger");
        assertThat(wrongExt.err()).contains("must end in .gif or .mp4");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("face.gif");
        }
    }

    @Test
    void sheetWrites72LabelledExpressionsAndStrips() throws Exception {
        Path sheet = tmp.resolve("sheet.png");
        CliRun r = CliRun.run("sheet", "--model", FIXTURE, "-i", SAMPLE.toString(), "-o", sheet.toString(), "--cell", "64");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("72 expressions");
        BufferedImage img = ImageIO.read(sheet.toFile());
        assertThat(img.getWidth()).isEqualTo(6 + 9 * 70);
        assertThat(img.getHeight()).isEqualTo(34 + 6 + 8 * (64 + 30 + 6));
        Path strips = tmp.resolve("strips.png");
        CliRun s = CliRun.run("sheet", "--model", FIXTURE, "-i", SAMPLE.toString(), "-o", strips.toString(), "--mode", "strips",
                "--intensities", "0,0.5,1", "--cell", "64");
        assertThat(s.status()).as(s.err()).isZero();
        assertThat(s.out()).contains("51 expressions");
        assertThat(ImageIO.read(strips.toFile()).getWidth()).isEqualTo(6 + 3 * 70);
    }

    @Test
    void batchReportsBadFilesCompletesTheRestAndResumes() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(SAMPLE, in.resolve("one.png"));
        Files.copy(SAMPLE, in.resolve("two.png"));
        Files.createDirectories(in.resolve("more"));
        Files.copy(SAMPLE, in.resolve("more/three.png"));
        Files.writeString(in.resolve("broken.jpg"), "not a jpeg");
        Files.copy(ROOT.resolve("face-detect/src/test/resources/photos/coffee.png"), in.resolve("coffee.png"));
        Path out = tmp.resolve("edited");
        CliRun first = CliRun.run("batch", "--model", FIXTURE, "-i", in.toString(), "-o", out.toString(), "--recursive",
                "--preset", "happiness", "--intensity", "0.7");
        assertThat(first.status()).isEqualTo(1);
        assertThat(first.out()).contains("done 3, skipped 0 (already done), failed 2",
                "failed: broken.jpg: broken.jpg is not a picture", "failed: coffee.png: no face found in coffee.png");
        assertThat(first.err()).contains("photos 100%").doesNotContain("\tat ");
        assertThat(out.resolve("one.png")).exists();
        assertThat(out.resolve("more/three.png")).exists();
        assertThat(ImageIO.read(out.resolve("two.png").toFile()).getWidth()).isEqualTo(512);
        long before = Files.getLastModifiedTime(out.resolve("one.png")).toMillis();

        Files.delete(out.resolve("two.png"));
        CliRun again = CliRun.run("batch", "--model", FIXTURE, "-i", in.toString(), "-o", out.toString(), "--recursive",
                "--preset", "happiness", "--intensity", "0.7");
        assertThat(again.out()).contains("done 1, skipped 2 (already done), failed 2");
        assertThat(Files.getLastModifiedTime(out.resolve("one.png")).toMillis()).isEqualTo(before);
        assertThat(out.resolve("two.png")).exists();
        // the input folder is untouched
        try (var files = Files.walk(in)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(5);
        }
        CliRun inside = CliRun.run("batch", "--model", FIXTURE, "-i", in.toString(), "-o", in.resolve("out").toString(),
                "--preset", "anger");
        assertThat(inside.status()).isEqualTo(2);
        assertThat(inside.err()).contains("never writes into its input");
    }

    @Test
    void batchAnimatesEachPhoto() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(SAMPLE, in.resolve("a.png"));
        Path out = tmp.resolve("gifs");
        CliRun r = CliRun.run("batch", "--model", FIXTURE, "-i", in.toString(), "-o", out.toString(), "--animate", "gif",
                "--preset", "surprise", "--from", "neutral", "--duration", "0.3", "--fps", "10", "--size", "96");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        DecodedAnimation d = DecodedAnimation.read(out.resolve("a.gif"));
        assertThat(d.frameCount()).isEqualTo(3);
        assertThat(d.width()).isEqualTo(96);
    }

    @Test
    void ausPrintsEveryAuOfEveryFace() throws Exception {
        CliRun r = CliRun.run("aus", SAMPLE.toString(), "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode faces = new ObjectMapper().readTree(r.out());
        assertThat(faces).hasSize(1);
        JsonNode aus = faces.get(0).get("aus");
        assertThat(aus.size()).isEqualTo(17);
        aus.forEach(v -> assertThat(v.asDouble()).isBetween(0.0, 1.0));
        CliRun table = CliRun.run("aus", SAMPLE.toString());
        assertThat(table.out()).contains("AU12", "Lip corner puller", "face-1");
    }
}
