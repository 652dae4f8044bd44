package org.ganimationstudio.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.FaceNetworks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CNN finder on the committed public-domain photos, turned and composed. */
class CnnFaceFinderTest {

    private static CnnFaceFinder finder;
    private static HaarFaceFinder haar;
    private static Photo astronaut;

    @BeforeAll
    static void setUp() throws Exception {
        finder = new CnnFaceFinder(FaceNetworks.open(TestPhotos.repoRoot().resolve("assets/models/face"), ComputeDevice.CPU));
        haar = new HaarFaceFinder();
        astronaut = TestPhotos.read(TestPhotos.astronaut());
    }

    @AfterAll
    static void tearDown() {
        finder.close();
        haar.close();
    }

    static Photo turned(Photo p, int quarterTurns) {
        BufferedImage src = p.image();
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = quarterTurns % 2 == 1;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = src.getRGB(x, y);
                switch (quarterTurns) {
                    case 1 -> out.setRGB(h - 1 - y, x, rgb);
                    case 2 -> out.setRGB(w - 1 - x, h - 1 - y, rgb);
                    case 3 -> out.setRGB(y, w - 1 - x, rgb);
                    default -> out.setRGB(x, y, rgb);
                }
            }
        }
        return Photo.of(out);
    }

    @Test
    void findsTheAstronautWithLandmarks() {
        List<DetectedFace> faces = finder.detect(astronaut);
        assertThat(faces).hasSize(1);
        DetectedFace f = faces.get(0);
        assertThat(f.id()).isEqualTo("face-1");
        assertThat(f.confidence()).isGreaterThan(0.8);
        assertThat(f.landmarks()).isNotNull();
        assertThat(f.eyesFound()).isTrue();
        assertThat(Math.abs(f.rollDegrees())).isLessThan(5);
        FaceLandmarks lm = f.landmarks();
        // eyes at about (203, 102) and (248, 103), mouth corners level below them, chin near y 185
        assertThat(lm.leftEyeInPicture()[0]).isCloseTo(203, within(6.0));
        assertThat(lm.rightEyeInPicture()[0]).isCloseTo(248, within(6.0));
        assertThat(lm.leftEyeInPicture()[1]).isCloseTo(103, within(6.0));
        assertThat(lm.mouth()[1]).isBetween(135.0, 160.0);
        assertThat(lm.y(8)).isBetween(170.0, 200.0);
    }

    @Test
    void placesTheCropWhereTheHaarFinderDid() {
        // the shipped generator was trained on crops placed from Haar boxes: the landmark geometry reproduces them
        FaceCrop cnn = FaceCrop.of(finder.detect(astronaut).get(0));
        FaceCrop cascade = FaceCrop.of(haar.detect(astronaut).get(0));
        assertThat(cnn.side()).isCloseTo(cascade.side(), within(0.12 * cascade.side()));
        assertThat(Math.hypot(cnn.centerX() - cascade.centerX(), cnn.centerY() - cascade.centerY()))
                .isLessThan(0.08 * cascade.side());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void findsTheFaceOfATurnedPhotoAndNothingElse(int quarterTurns) {
        DetectedFace upright = finder.detect(astronaut).get(0);
        List<DetectedFace> faces = finder.detect(turned(astronaut, quarterTurns));
        assertThat(faces).hasSize(1);
        DetectedFace f = faces.get(0);
        System.out.printf("turned %d x 90: confidence %.3f%n", quarterTurns, f.confidence());
        double[] c = CnnFaceFinder.unturn(f.centerX(), f.centerY(), quarterTurns, 512, 512);
        assertThat(c[0]).isCloseTo(upright.centerX(), within(8.0));
        assertThat(c[1]).isCloseTo(upright.centerY(), within(8.0));
        assertThat(f.size()).isCloseTo(upright.size(), within(0.1 * upright.size()));
        double roll = Math.floorMod(Math.round(f.rollDegrees() - 90 * quarterTurns), 360);
        assertThat(Math.min(roll, 360 - roll)).as("roll of the turned face").isLessThan(6);
    }

    @Test
    void measuresTheRollOfATiltedFace() {
        BufferedImage canvas = new BufferedImage(700, 700, BufferedImage.TYPE_3BYTE_BGR);
        TestPhotos.place(canvas, astronaut.image(), 94, 94, 1.0, 30);
        List<DetectedFace> faces = finder.detect(Photo.of(canvas));
        assertThat(faces).hasSize(1);
        assertThat(faces.get(0).rollDegrees()).isCloseTo(30, within(4.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chelsea.png", "coffee.png", "rocket.jpg"})
    void findsNoFaceWhereThereIsNone(String name) throws Exception {
        assertThat(finder.detect(TestPhotos.read(TestPhotos.resource(name)))).isEmpty();
    }

    @Test
    void findsSmallFacesInALargePhotoLargestFirst() {
        BufferedImage canvas = new BufferedImage(2400, 1600, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(90, 110, 130));
        g.fillRect(0, 0, 2400, 1600);
        g.dispose();
        TestPhotos.place(canvas, astronaut.image(), 100, 100, 1.2, 0); // a face of about 125 px
        for (int i = 0; i < 5; i++) {
            TestPhotos.place(canvas, astronaut.image(), 900 + 280 * i, 900, 0.45, 0); // faces of about 47 px
        }
        List<DetectedFace> faces = finder.detect(Photo.of(canvas));
        assertThat(faces).hasSize(6);
        assertThat(faces.get(0).centerX()).isLessThan(800);
        assertThat(faces).extracting(DetectedFace::id).containsExactly("face-1", "face-2", "face-3", "face-4",
                "face-5", "face-6");
    }

    @Test
    void aSliverOfAPictureHasNoFace() {
        assertThat(finder.detect(Photo.of(new BufferedImage(60_000, 1, BufferedImage.TYPE_3BYTE_BGR)))).isEmpty();
        assertThat(finder.detect(Photo.of(new BufferedImage(3, 40_000, BufferedImage.TYPE_3BYTE_BGR)))).isEmpty();
    }

    @Test
    void undoesEachTurn() {
        // a point of a 40 x 30 picture, turned and turned back
        double[] p = {7, 5};
        assertThat(CnnFaceFinder.unturn(30 - p[1], p[0], 1, 40, 30)).containsExactly(7, 5);
        assertThat(CnnFaceFinder.unturn(40 - p[0], 30 - p[1], 2, 40, 30)).containsExactly(7, 5);
        assertThat(CnnFaceFinder.unturn(p[1], 40 - p[0], 3, 40, 30)).containsExactly(7, 5);
    }
}
