package org.ganimationstudio.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch's per-photo job on real files: the sample portrait through the fixture generator. */
class ExpressionBatchJobTest {

    static ExpressionModel model;
    static FaceFinder detector;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() throws Exception {
        model = SampleFixture.openModel();
        detector = ShippedModels.faceFinder();
    }

    @AfterAll
    static void close() {
        detector.close();
        model.close();
    }

    @Test
    void stillsKeepThePhotosFormatWhenTheyCanElsePng() {
        assertThat(ExpressionBatchJob.stillExtension(Path.of("a.png"), null)).isEqualTo("png");
        assertThat(ExpressionBatchJob.stillExtension(Path.of("a.JPG"), null)).isEqualTo("jpg");
        assertThat(ExpressionBatchJob.stillExtension(Path.of("a.jpeg"), null)).isEqualTo("jpg");
        assertThat(ExpressionBatchJob.stillExtension(Path.of("dir/a.bmp"), null)).isEqualTo("bmp");
        for (String other : new String[] {"a.gif", "a.tif", "a.tiff", "a.webp"}) {
            assertThat(ExpressionBatchJob.stillExtension(Path.of(other), null)).as(other).isEqualTo("png");
        }
        // a chosen format wins over the photo's own
        assertThat(ExpressionBatchJob.stillExtension(Path.of("a.png"), "JPG")).isEqualTo("jpg");
        assertThat(ExpressionBatchJob.checkStillFormat("BMP")).isEqualTo("bmp");
        assertThat(ExpressionBatchJob.checkStillFormat(null)).isNull();
        assertThatThrownBy(() -> ExpressionBatchJob.checkStillFormat("gif")).hasMessageContaining(".png, .jpg or .bmp");

        ExpressionEditor editor = new ExpressionEditor(model);
        var stills = ExpressionBatchJob.stills(editor, detector, "all", FaceExpression.own(), "png");
        assertThat(stills.outputExtension(Path.of("a.jpg"))).isEqualTo("png");
        var gifs = ExpressionBatchJob.animations(editor, detector, "all", new ExpressionBatchJob.Animation(
                AnimationFormat.GIF, current -> null, new AnimationSettings(10, false, 0, false)));
        assertThat(gifs.outputExtension(Path.of("a.jpg"))).isEqualTo("gif");
    }

    @Test
    void rendersTheSampleAndReportsPhotosItCannotEdit() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(SampleFixture.SAMPLE, in.resolve("astronaut.png"));
        Files.copy(SampleFixture.ROOT.resolve("face-detect/src/test/resources/photos/coffee.png"), in.resolve("coffee.png"));
        Files.writeString(in.resolve("broken.jpg"), "not a jpeg");
        Path out = tmp.resolve("out");
        var job = ExpressionBatchJob.stills(new ExpressionEditor(model), detector, "1",
                FaceExpression.absolute(AuVector.parse("AU12=1,AU25=1")), null);

        BatchRun.Summary s = new BatchRun(in, out, false).run(job, new BatchRun.Listener() { }, () -> false);

        assertThat(s.done()).isEqualTo(1);
        assertThat(s.failed()).extracting(f -> f.input().getFileName() + ": " + f.reason()).satisfiesExactly(
                broken -> assertThat(broken).startsWith("broken.jpg: broken.jpg is not a picture"),
                noFace -> assertThat(noFace).isEqualTo("coffee.png: no face found in coffee.png"));
        BufferedImage edited = ImageIO.read(out.resolve("astronaut.png").toFile());
        BufferedImage photo = ImageIO.read(SampleFixture.SAMPLE.toFile());
        assertThat(edited.getWidth()).isEqualTo(photo.getWidth());
        assertThat(edited.getHeight()).isEqualTo(photo.getHeight());
        int changed = 0;
        for (int y = 0; y < photo.getHeight(); y += 2) {
            for (int x = 0; x < photo.getWidth(); x += 2) {
                changed += (edited.getRGB(x, y) & 0xffffff) != (photo.getRGB(x, y) & 0xffffff) ? 1 : 0;
            }
        }
        // the face was edited, the rest of the photo kept
        assertThat(changed).isGreaterThan(100).isLessThan(photo.getWidth() * photo.getHeight() / 8);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("astronaut.png");
        }
    }

    @Test
    void animatesEachPhotoAlongItsTimeline() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(SampleFixture.SAMPLE, in.resolve("a.jpeg"));
        Path out = tmp.resolve("out");
        AuVector surprise = AuVector.parse("AU01=1,AU02=1,AU26=1");
        var job = ExpressionBatchJob.animations(new ExpressionEditor(model), detector, "all", new ExpressionBatchJob.Animation(
                AnimationFormat.GIF, current -> Timeline.between(AuVector.zero(), surprise, 0.3, Easing.EASE_IN_OUT),
                new AnimationSettings(10, false, 96, false)));

        BatchRun.Summary s = new BatchRun(in, out, false).run(job, new BatchRun.Listener() { }, () -> false);

        assertThat(s.failed()).isEmpty();
        DecodedAnimation gif = DecodedAnimation.read(out.resolve("a.gif"));
        assertThat(gif.frameCount()).isEqualTo(3);
        assertThat(gif.width()).isEqualTo(96);

        // a timeline from the face's own expression: with no estimator, an editor takes every face's own AUs as 0
        var fromCurrent = ExpressionBatchJob.animations(new ExpressionEditor(model), detector, "all", new ExpressionBatchJob.Animation(
                AnimationFormat.GIF, current -> Timeline.between(current.get(), surprise, 0.3, Easing.LINEAR),
                new AnimationSettings(10, false, 96, false)));
        BatchRun.Summary noEstimator = new BatchRun(in, tmp.resolve("out2"), false).run(fromCurrent,
                new BatchRun.Listener() { }, () -> false);
        assertThat(noEstimator.failed()).isEmpty();
        assertThat(DecodedAnimation.read(tmp.resolve("out2/a.gif")).frameCount()).isEqualTo(3);
    }
}
