package org.ganimationstudio.face;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_objdetect;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Finds upright frontal faces with the Haar cascades that ship inside the OpenCV jar (offline), and
 * levels each face by its eyes when both are found. No landmarks, no confidence: the fallback finder, and
 * the one to choose where the CNN's models are not installed. Thread-safe (calls are serialised).
 */
public final class HaarFaceFinder implements FaceFinder {

    /** Eyes are searched in the face box scaled to this width. */
    private static final int EYE_SEARCH_WIDTH = 200;
    private static final double MAX_ROLL = 35;

    private final CascadeClassifier faces;
    private final CascadeClassifier eyes;
    private final int minNeighbors;
    private final double scaleFactor;
    private final boolean equalize;

    private final int minFaceSize;
    private final int detectionSide;
    private final int minVotesWithoutEyes;
    private final double minRelativeSizeWithoutEyes;

    /** A finder with the settings of {@code haar-finder.json}. */
    public HaarFaceFinder() {
        this(readSettings());
    }

    HaarFaceFinder(JsonNode settings) {
        this.faces = cascade(settings.path("faceCascade").asText());
        this.eyes = cascade(settings.path("eyeCascade").asText());
        this.minNeighbors = settings.path("minNeighbors").asInt();
        this.scaleFactor = settings.path("scaleFactor").asDouble();
        this.equalize = settings.path("equalize").asBoolean(false);
        this.minFaceSize = settings.path("minFaceSize").asInt();
        this.detectionSide = settings.path("detectionSide").asInt();
        this.minVotesWithoutEyes = settings.path("minVotesWithoutEyes").asInt();
        this.minRelativeSizeWithoutEyes = settings.path("minRelativeSizeWithoutEyes").asDouble();
    }

    static JsonNode readSettings() {
        try (InputStream in = HaarFaceFinder.class.getResourceAsStream("haar-finder.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read haar-finder.json", e);
        }
    }

    private static CascadeClassifier cascade(String name) {
        String resource = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/haarcascades/" + name;
        try {
            File file = Loader.cacheResource(opencv_objdetect.class, resource);
            if (file == null) {
                throw new IllegalStateException("the OpenCV natives for " + Loader.getPlatform() + " lack " + name);
            }
            CascadeClassifier c = new CascadeClassifier(file.getAbsolutePath());
            if (c.empty()) {
                throw new IllegalStateException("cannot load the cascade " + file);
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + resource, e);
        }
    }

    @Override
    public String name() {
        return FaceFinderKind.HAAR.id();
    }

    /** All frontal faces, largest first, with ids face-1, face-2, ...; empty when none is found. */
    @Override
    public synchronized List<DetectedFace> detect(Photo photo) {
        try (Mat bgr = BgrMats.copyOf(photo.image()); Mat grey = new Mat()) {
            cvtColor(bgr, grey, COLOR_BGR2GRAY);
            return detectGrey(grey);
        }
    }

    private List<DetectedFace> detectGrey(Mat grey) {
        int w = grey.cols();
        int h = grey.rows();
        double scale = Math.min(1.0, detectionSide / (double) Math.max(w, h));
        // a sliver (a 60000x1 picture) has no room for a face, and would scale to 0 pixels
        if (Math.min(w, h) * scale < minFaceSize) {
            return List.of();
        }
        List<double[]> boxes = new ArrayList<>();
        try (Mat small = new Mat(); RectVector found = new RectVector(); IntPointer votes = new IntPointer()) {
            if (scale < 1.0) {
                resize(grey, small, new Size((int) Math.max(1, Math.round(w * scale)), (int) Math.max(1, Math.round(h * scale))),
                        0, 0, INTER_AREA);
            } else {
                grey.copyTo(small);
            }
            if (equalize) {
                equalizeHist(small, small);
            }
            faces.detectMultiScale2(small, found, votes, scaleFactor, minNeighbors, 0,
                    new Size(minFaceSize, minFaceSize), new Size());
            for (long i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                boxes.add(new double[] {r.x() / scale, r.y() / scale, r.width() / scale, votes.get(i)});
            }
        }
        boxes.sort(Comparator.comparingDouble((double[] b) -> -b[2]).thenComparingDouble(b -> b[1])
                .thenComparingDouble(b -> b[0]));
        List<DetectedFace> result = new ArrayList<>();
        for (double[] b : boxes) {
            double[] roll = roll(grey, b);
            // Weakly supported candidates must show two eyes: that removes most false positives.
            if (roll[1] == 0 && (b[3] < minVotesWithoutEyes || b[2] < minRelativeSizeWithoutEyes * boxes.get(0)[2])) {
                continue;
            }
            result.add(new DetectedFace("face-" + (result.size() + 1), b[0], b[1], b[2], roll[0], roll[1] > 0));
        }
        return result;
    }

    /** {roll in degrees, 1 if measured from two eyes else 0}. */
    private double[] roll(Mat grey, double[] box) {
        int x = (int) Math.max(0, Math.round(box[0]));
        int y = (int) Math.max(0, Math.round(box[1] + 0.12 * box[2]));
        int w = (int) Math.min(grey.cols() - x, Math.round(box[2]));
        int h = (int) Math.min(grey.rows() - y, Math.round(0.45 * box[2]));
        if (w < 20 || h < 10) {
            return new double[] {0, 0};
        }
        double s = EYE_SEARCH_WIDTH / (double) w;
        try (Mat band = new Mat(grey, new Rect(x, y, w, h)); Mat scaled = new Mat(); RectVector found = new RectVector()) {
            resize(band, scaled, new Size(EYE_SEARCH_WIDTH, Math.max(1, (int) Math.round(h * s))), 0, 0,
                    s < 1 ? INTER_AREA : INTER_LINEAR);
            equalizeHist(scaled, scaled);
            eyes.detectMultiScale(scaled, found, 1.1, 3, 0, new Size(18, 18), new Size(90, 90));
            Rect left = null;
            Rect right = null;
            for (long i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                double cx = r.x() + r.width() / 2.0;
                if (cx < EYE_SEARCH_WIDTH * 0.5) {
                    left = left == null || r.width() > left.width() ? r : left;
                } else {
                    right = right == null || r.width() > right.width() ? r : right;
                }
            }
            if (left == null || right == null) {
                return new double[] {0, 0};
            }
            double dx = (right.x() + right.width() / 2.0) - (left.x() + left.width() / 2.0);
            double dy = (right.y() + right.height() / 2.0) - (left.y() + left.height() / 2.0);
            double deg = Math.toDegrees(Math.atan2(dy, dx));
            return Math.abs(deg) > MAX_ROLL || dx < EYE_SEARCH_WIDTH * 0.2 ? new double[] {0, 0} : new double[] {deg, 1};
        }
    }

    @Override
    public synchronized void close() {
        faces.close();
        eyes.close();
    }
}
