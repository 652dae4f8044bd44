package org.ganimationstudio.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HaarFaceFinderTest {

    private static HaarFaceFinder detector;
    private static Photo astronaut;

    @BeforeAll
    static void setUp() throws Exception {
        detector = new HaarFaceFinder();
        astronaut = TestPhotos.read(TestPhotos.astronaut());
    }

    @AfterAll
    static void tearDown() {
        detector.close();
    }

    @Test
    void findsTheAstronautsFace() {
        List<DetectedFace> faces = detector.detect(astronaut);
        assertThat(faces).hasSize(1);
        DetectedFace f = faces.get(0);
        assertThat(f.id()).isEqualTo("face-1");
        // The face spans about x 165-285, y 55-185 in the 512x512 portrait.
        assertThat(f.centerX()).isCloseTo(225, within(20.0));
        assertThat(f.centerY()).isCloseTo(120, within(25.0));
        assertThat(f.size()).isBetween(90.0, 170.0);
        assertThat(Math.abs(f.rollDegrees())).isLessThan(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chelsea.png", "coffee.png", "rocket.jpg"})
    void findsNoFaceWhereThereIsNone(String name) throws Exception {
        assertThat(detector.detect(TestPhotos.read(TestPhotos.resource(name)))).isEmpty();
    }

    @Test
    void ordersSeveralFacesBySizeWithStableIds() {
        BufferedImage canvas = new BufferedImage(1400, 700, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(90, 110, 130));
        g.fillRect(0, 0, 1400, 700);
        g.dispose();
        TestPhotos.place(canvas, astronaut.image(), 40, 100, 0.8, 0);
        TestPhotos.place(canvas, astronaut.image(), 600, 20, 1.3, 0);
        Photo photo = Photo.of(canvas);
        List<DetectedFace> faces = detector.detect(photo);
        assertThat(faces).extracting(DetectedFace::id).containsExactly("face-1", "face-2");
        assertThat(faces.get(0).size()).isGreaterThan(faces.get(1).size());
        assertThat(faces.get(0).centerX()).isGreaterThan(600);
        assertThat(detector.detect(photo)).isEqualTo(faces);
    }

    @Test
    void measuresTheRollOfATiltedFace() {
        BufferedImage canvas = new BufferedImage(700, 700, BufferedImage.TYPE_3BYTE_BGR);
        TestPhotos.place(canvas, astronaut.image(), 94, 94, 1.0, 12);
        List<DetectedFace> faces = detector.detect(Photo.of(canvas));
        assertThat(faces).hasSize(1);
        DetectedFace f = faces.get(0);
        if (f.eyesFound()) {
            assertThat(f.rollDegrees()).isCloseTo(12, within(5.0));
        }
        assertThat(faces.get(0).eyesFound()).as("eyes of the tilted face").isTrue();
    }

    /** A 60000x1 picture would scale to 0 pixels for the detector (an OpenCV assertion): it has no face. */
    @Test
    void aSliverOfAPictureHasNoFace() {
        assertThat(detector.detect(Photo.of(new java.awt.image.BufferedImage(60_000, 1,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR)))).isEmpty();
        assertThat(detector.detect(Photo.of(new java.awt.image.BufferedImage(3, 40_000,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR)))).isEmpty();
    }
}
