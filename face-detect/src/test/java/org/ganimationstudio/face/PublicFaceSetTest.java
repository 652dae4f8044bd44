package org.ganimationstudio.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.FaceNetworks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Both finders on dlib's public example faces (PASCAL VOC photos with face boxes marked by dlib's authors, a
 * collage of faces, a photo of dogs), which face-detect/fetch-face-sets.sh unpacks from Debian's dlib source
 * package into build/face-sets. Skipped with a message when they are absent. The figures are printed for
 * docs/FACE_PIPELINE.md.
 */
class PublicFaceSetTest {

    static final Path SET = TestPhotos.repoRoot().resolve("build/face-sets/dlib-faces");
    private static CnnFaceFinder cnn;
    private static HaarFaceFinder haar;

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue(Files.isRegularFile(SET.resolve("testing.xml")),
                "skipped: dlib's example faces are not in " + SET + " (run face-detect/fetch-face-sets.sh build/face-sets)");
        cnn = new CnnFaceFinder(FaceNetworks.open(TestPhotos.repoRoot().resolve("assets/models/face"), ComputeDevice.CPU));
        haar = new HaarFaceFinder();
    }

    @AfterAll
    static void tearDown() {
        if (cnn != null) {
            cnn.close();
            haar.close();
        }
    }

    /** A marked face: dlib's boxes are tight, from the brows to the chin. */
    record Box(double left, double top, double width, double height) {
        boolean matches(DetectedFace f) {
            double mx = 0.25 * width;
            double my = 0.25 * height;
            return f.centerX() > left - mx && f.centerX() < left + width + mx && f.centerY() > top - my
                    && f.centerY() < top + height + my && f.size() > 0.6 * width && f.size() < 2.5 * width;
        }
    }

    static Map<String, List<Box>> marked() throws Exception {
        Map<String, List<Box>> out = new LinkedHashMap<>();
        for (String file : List.of("training.xml", "testing.xml")) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(SET.resolve(file).toFile());
            NodeList images = doc.getElementsByTagName("image");
            for (int i = 0; i < images.getLength(); i++) {
                Element image = (Element) images.item(i);
                List<Box> boxes = new ArrayList<>();
                NodeList b = image.getElementsByTagName("box");
                for (int k = 0; k < b.getLength(); k++) {
                    Element e = (Element) b.item(k);
                    boxes.add(new Box(Double.parseDouble(e.getAttribute("left")), Double.parseDouble(e.getAttribute("top")),
                            Double.parseDouble(e.getAttribute("width")), Double.parseDouble(e.getAttribute("height"))));
                }
                out.put(image.getAttribute("file"), boxes);
            }
        }
        return out;
    }

    record Score(int faces, int found, int falsePositives) {
    }

    static Score score(FaceFinder finder, Map<String, List<Box>> set) throws Exception {
        int faces = 0;
        int found = 0;
        int fp = 0;
        for (var e : set.entrySet()) {
            List<DetectedFace> detections = finder.detect(TestPhotos.read(SET.resolve(e.getKey())));
            boolean[] used = new boolean[detections.size()];
            for (Box t : e.getValue()) {
                faces++;
                for (int i = 0; i < detections.size(); i++) {
                    if (!used[i] && t.matches(detections.get(i))) {
                        used[i] = true;
                        found++;
                        break;
                    }
                }
            }
            for (boolean u : used) {
                fp += u ? 0 : 1;
            }
        }
        return new Score(faces, found, fp);
    }

    @Test
    void theCnnFindsMoreMarkedFacesThanTheCascadesWithNoFalseFaces() throws Exception {
        Map<String, List<Box>> set = marked();
        assertThat(set).hasSize(9);
        Score c = score(cnn, set);
        Score h = score(haar, set);
        System.out.printf(Locale.ROOT, "dlib example faces, %d photos, %d marked faces: cnn found %d, %d false; "
                + "haar found %d, %d false%n", set.size(), c.faces(), c.found(), c.falsePositives(), h.found(), h.falsePositives());
        assertThat(c.faces()).isEqualTo(43);
        assertThat(c.found()).isGreaterThanOrEqualTo(41);
        assertThat(c.found()).isGreaterThanOrEqualTo(h.found());
        assertThat(c.falsePositives()).isZero();
    }

    @Test
    void findsTheFacesOfTheCollage() throws Exception {
        // bald_guys.jpg: 24 clearly visible faces (counted by eye), from large to about 90 pixels
        int found = cnn.detect(TestPhotos.read(SET.resolve("bald_guys.jpg"))).size();
        int cascades = haar.detect(TestPhotos.read(SET.resolve("bald_guys.jpg"))).size();
        System.out.printf(Locale.ROOT, "collage of 24 faces: cnn %d, haar %d%n", found, cascades);
        assertThat(found).isBetween(22, 26);
    }

    @Test
    void findsNoFaceInAPhotoOfDogs() throws Exception {
        assertThat(cnn.detect(TestPhotos.read(SET.resolve("dogs.jpg")))).isEmpty();
    }
}
