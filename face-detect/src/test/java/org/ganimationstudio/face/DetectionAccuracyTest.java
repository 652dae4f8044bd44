package org.ganimationstudio.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Detection recall and false positives on test sets built from ../shared/data (not part of the
 * repository): UTKFace crops placed at known positions, scales and small rotations on larger
 * synthetic backgrounds, and CelebA frames. Skipped with a message when the data is absent.
 */
class DetectionAccuracyTest {

    private static final Path DATA = TestPhotos.repoRoot().resolveSibling("shared").resolve("data");
    private static final int SCENES = 150;
    private static final int CELEBA_FRAMES = 200;
    private static final java.util.Map<String, FaceFinder> FINDERS = new java.util.HashMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Files.isDirectory(DATA.resolve("utkface/images")) && Files.isDirectory(DATA.resolve("celeba-au/images")),
                "skipped: the face data in " + DATA + " is not available");
        FINDERS.put("haar", new HaarFaceFinder());
        FINDERS.put("cnn", FaceFinders.openCnn(TestPhotos.repoRoot().resolve("assets/models/face")));
    }

    @AfterAll
    static void tearDown() {
        FINDERS.values().forEach(FaceFinder::close);
        FINDERS.clear();
    }

    /** A square of the picture where a detection must be centred to count, and its allowed sizes. */
    record Truth(double x, double y, double side) {
        boolean matches(DetectedFace f) {
            double cx = f.centerX() - x;
            double cy = f.centerY() - y;
            return cx > 0.2 * side && cx < 0.8 * side && cy > 0.2 * side && cy < 0.85 * side
                    && f.size() > 0.3 * side && f.size() < 1.5 * side;
        }
    }

    record Score(int faces, int found, int falsePositives, int images) {
        double recall() {
            return found / (double) faces;
        }

        double falsePositivesPerImage() {
            return falsePositives / (double) images;
        }
    }

    static Score score(List<DetectedFace> detections, List<Truth> truths) {
        boolean[] used = new boolean[detections.size()];
        int found = 0;
        for (Truth t : truths) {
            for (int i = 0; i < detections.size(); i++) {
                if (!used[i] && t.matches(detections.get(i))) {
                    used[i] = true;
                    found++;
                    break;
                }
            }
        }
        int fp = 0;
        for (boolean u : used) {
            fp += u ? 0 : 1;
        }
        return new Score(truths.size(), found, fp, 1);
    }

    static Score add(Score a, Score b) {
        return new Score(a.faces + b.faces, a.found + b.found, a.falsePositives + b.falsePositives, a.images + b.images);
    }

    /** Smooth colour gradients with random shapes: clutter without faces. */
    static BufferedImage background(Random rnd, int w, int h) {
        BufferedImage bg = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bg.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(rnd.nextInt(0xffffff)), w, h, new Color(rnd.nextInt(0xffffff))));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 25; i++) {
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 80 + rnd.nextInt(150)));
            int x = rnd.nextInt(w);
            int y = rnd.nextInt(h);
            int s = 10 + rnd.nextInt(200);
            switch (rnd.nextInt(3)) {
                case 0 -> g.fillOval(x, y, s, s / 2 + rnd.nextInt(s));
                case 1 -> g.fillRect(x, y, s, 5 + rnd.nextInt(s));
                default -> g.drawLine(x, y, rnd.nextInt(w), rnd.nextInt(h));
            }
        }
        g.dispose();
        return bg;
    }

    static List<Path> images(String set, int count, int seed) throws Exception {
        List<Path> all;
        try (Stream<Path> s = Files.list(DATA.resolve(set).resolve("images"))) {
            all = new ArrayList<>(s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList());
        }
        java.util.Collections.shuffle(all, new Random(seed));
        return all.subList(0, Math.min(count, all.size()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"haar", "cnn"})
    void placedUtkFaces(String finder) throws Exception {
        FaceFinder detector = FINDERS.get(finder);
        Random rnd = new Random(2018);
        List<Path> faces = images("utkface", SCENES * 2, 1);
        Score total = new Score(0, 0, 0, 0);
        int next = 0;
        for (int scene = 0; scene < SCENES; scene++) {
            BufferedImage canvas = background(rnd, 960, 720);
            List<Truth> truths = new ArrayList<>();
            int count = scene % 3 == 0 ? 2 : 1;
            for (int k = 0; k < count; k++) {
                BufferedImage face = ImageIO.read(faces.get(next++).toFile());
                double side = count == 2 ? 110 + rnd.nextInt(200) : 110 + rnd.nextInt(400);
                double x = k * 480 + rnd.nextDouble() * Math.max(1, (count == 2 ? 480 : 960) - side);
                double y = rnd.nextDouble() * (720 - side);
                double angle = rnd.nextDouble() * 20 - 10;
                TestPhotos.place(canvas, face, x, y, side / face.getWidth(), angle);
                truths.add(new Truth(x, y, side));
            }
            total = add(total, score(detector.detect(Photo.of(canvas)), truths));
        }
        System.out.printf(finder + ", UTKFace scenes: %d images, %d faces, recall %.3f, %.3f false positives per image%n",
                total.images(), total.faces(), total.recall(), total.falsePositivesPerImage());
        assertThat(total.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(total.falsePositivesPerImage()).isLessThanOrEqualTo(0.05);
    }

    /** A CelebA frame: squashed from 178x218 to 128x128, its aspect ratio restored, then doubled. */
    static BufferedImage celeba(Path p) throws Exception {
        BufferedImage frame = ImageIO.read(p.toFile());
        BufferedImage restored = new BufferedImage(356, 436, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = restored.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(frame, 0, 0, 356, 436, null);
        g.dispose();
        return restored;
    }

    @ParameterizedTest
    @ValueSource(strings = {"haar", "cnn"})
    void celebaFrames(String finder) throws Exception {
        FaceFinder detector = FINDERS.get(finder);
        Score total = new Score(0, 0, 0, 0);
        for (Path p : images("celeba-au", CELEBA_FRAMES, 2)) {
            // Aligned CelebA: the face fills roughly x 70-290, y 110-370 of the doubled frame.
            total = add(total, score(detector.detect(Photo.of(celeba(p))), List.of(new Truth(55, 100, 250))));
        }
        System.out.printf(finder + ", CelebA frames: %d images, recall %.3f, %.3f false positives per image%n",
                total.images(), total.recall(), total.falsePositivesPerImage());
        assertThat(total.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(total.falsePositivesPerImage()).isLessThanOrEqualTo(0.05);
    }

    /** CelebA frames turned by 90°, 180° or 270° (in turn): the CNN finder finds them upright again. */
    @Test
    void turnedCelebaFrames() throws Exception {
        FaceFinder detector = FINDERS.get("cnn");
        Score total = new Score(0, 0, 0, 0);
        int i = 0;
        for (Path p : images("celeba-au", CELEBA_FRAMES, 2)) {
            int turns = i++ % 3 + 1;
            Photo turned = CnnFaceFinderTest.turned(Photo.of(celeba(p)), turns);
            // the truth square turned with the frame
            double[] c = turnPoint(55 + 125, 100 + 125, turns, 356, 436);
            total = add(total, score(detector.detect(turned), List.of(new Truth(c[0] - 125, c[1] - 125, 250))));
        }
        System.out.printf("cnn, CelebA frames turned: %d images, recall %.3f, %.3f false positives per image%n",
                total.images(), total.recall(), total.falsePositivesPerImage());
        assertThat(total.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(total.falsePositivesPerImage()).isLessThanOrEqualTo(0.02);
    }

    /** Where a point of a w x h picture lands when the picture is turned clockwise by quarter turns. */
    static double[] turnPoint(double x, double y, int turns, int w, int h) {
        return switch (turns) {
            case 1 -> new double[] {h - y, x};
            case 2 -> new double[] {w - x, h - y};
            default -> new double[] {y, w - x};
        };
    }
}
