package org.ganimationstudio.face;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.ganimationstudio.model.FaceNetworks;
import org.ganimationstudio.model.RgbImage;

/**
 * Finds faces with a CNN detector (BlazeFace, full range) and places each with 68 landmarks
 * (docs/FACE_PIPELINE.md). The photo is searched upright first, coarse to fine: a pass at the detector's
 * own scale, then finer passes only while they can still find smaller faces than those found. When nothing
 * is found upright, the photo is searched turned by 90°, 180° and 270°. A candidate is a face only above a
 * confidence threshold; the landmarks then give its roll and the model crop (docs/CROP_GEOMETRY.md).
 * Settings: {@code cnn-finder.json}. Thread-safe (calls are serialised).
 */
public final class CnnFaceFinder implements FaceFinder {

    private static final int V = FaceNetworks.DETECTION_VALUES;

    private final FaceNetworks networks;
    private final int[] passSides;
    private final int[] turnedPassSides;
    private final int verifySide;
    private final double verifyScore;
    private final double[] verifyWidth;
    private final double verifyMaxRoll;
    private final double finerPassBelow;
    private final double maxUpscale;
    private final double candidateScore;
    private final double minScore;
    private final double turnedVerifyScore;
    private final double nmsIou;
    private final double landmarkCropScale;
    private final double eyeMouthWeight;
    private final double eyesWeight;
    private final double centreDown;
    private final double minFaceSide;

    /** A finder that owns {@code networks} (closed with it), with the settings of {@code cnn-finder.json}. */
    public CnnFaceFinder(FaceNetworks networks) {
        this(networks, readSettings());
    }

    CnnFaceFinder(FaceNetworks networks, JsonNode s) {
        this.networks = networks;
        this.passSides = ints(s.path("passSides"));
        this.turnedPassSides = ints(s.path("turnedPassSides"));
        this.verifySide = s.path("verifySide").asInt();
        this.verifyScore = s.path("verifyScore").asDouble();
        this.verifyWidth = new double[] {s.path("verifyWidth").get(0).asDouble(), s.path("verifyWidth").get(1).asDouble()};
        this.verifyMaxRoll = s.path("verifyMaxRoll").asDouble();
        this.finerPassBelow = s.path("finerPassBelow").asDouble();
        this.maxUpscale = s.path("maxUpscale").asDouble();
        this.candidateScore = s.path("candidateScore").asDouble();
        this.minScore = s.path("minScore").asDouble();
        this.turnedVerifyScore = s.path("turnedVerifyScore").asDouble();
        this.nmsIou = s.path("nmsIou").asDouble();
        this.landmarkCropScale = s.path("landmarkCropScale").asDouble();
        this.eyeMouthWeight = s.path("geometry").path("eyeMouth").asDouble();
        this.eyesWeight = s.path("geometry").path("eyes").asDouble();
        this.centreDown = s.path("geometry").path("centreDown").asDouble();
        this.minFaceSide = s.path("minFaceSide").asDouble();
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static JsonNode readSettings() {
        try (InputStream in = CnnFaceFinder.class.getResourceAsStream("cnn-finder.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cnn-finder.json", e);
        }
    }

    @Override
    public String name() {
        return FaceFinderKind.CNN.id();
    }

    /** A detector candidate in photo pixels: box centre, side, score and the six key points. */
    record Candidate(double cx, double cy, double side, double score, double[] keypoints) {
        double iou(Candidate o) {
            double ix = Math.max(0, Math.min(cx + side / 2, o.cx + o.side / 2) - Math.max(cx - side / 2, o.cx - o.side / 2));
            double iy = Math.max(0, Math.min(cy + side / 2, o.cy + o.side / 2) - Math.max(cy - side / 2, o.cy - o.side / 2));
            double inter = ix * iy;
            return inter / (side * side + o.side * o.side - inter);
        }
    }

    @Override
    public synchronized List<DetectedFace> detect(Photo photo) {
        List<DetectedFace> faces = new ArrayList<>();
        try (Mat src = BgrMats.copyOf(photo.image())) {
            for (int quarterTurns = 0; quarterTurns < 4 && faces.isEmpty(); quarterTurns++) {
                // three more searches are three more chances for a pattern to pass as a face: turned, it must score higher
                faces = place(photo, search(src, quarterTurns), quarterTurns == 0 ? verifyScore : turnedVerifyScore);
            }
        }
        faces.sort(Comparator.comparingDouble((DetectedFace f) -> -f.size()).thenComparingDouble(DetectedFace::y)
                .thenComparingDouble(DetectedFace::x));
        List<DetectedFace> out = new ArrayList<>(faces.size());
        for (DetectedFace f : faces) {
            out.add(f.withId("face-" + (out.size() + 1)));
        }
        return out;
    }

    /** The confident faces of the photo turned by {@code quarterTurns} × 90° clockwise, in the photo's own pixels. */
    List<Candidate> search(Mat photo, int quarterTurns) {
        List<Candidate> all = new ArrayList<>();
        int longSide = Math.max(photo.cols(), photo.rows());
        // a photo turned sideways is searched for the larger faces only: a phone portrait, not a crowd
        int[] passSides = quarterTurns == 0 ? this.passSides : turnedPassSides;
        for (int i = 0; i < passSides.length; i++) {
            double scale = Math.min((double) passSides[i] / longSide, maxUpscale);
            if (i > 0 && scale * longSide < passSides[i - 1] * 1.5) {
                break; // the photo is too small for a finer pass to see anything new
            }
            all.addAll(pass(photo, scale, quarterTurns));
            List<Candidate> merged = merge(all);
            double smallest = merged.stream().filter(c -> c.score >= minScore).mapToDouble(Candidate::side).min()
                    .orElse(0);
            if (smallest * scale >= finerPassBelow) {
                break; // every face found is well above this pass's smallest: finer passes would find no new sizes
            }
        }
        return merge(all).stream().filter(c -> c.score >= minScore && c.side >= minFaceSide).toList();
    }

    /** One detector pass over the photo scaled by {@code scale} and turned; candidates in photo pixels. */
    private List<Candidate> pass(Mat photo, double scale, int quarterTurns) {
        int w = Math.max(1, (int) Math.round(photo.cols() * scale));
        int h = Math.max(1, (int) Math.round(photo.rows() * scale));
        int m = networks.detectorMultiple();
        RgbImage picture;
        int tw;
        int th;
        try (Mat small = new Mat(); Mat turned = new Mat(); Mat padded = new Mat()) {
            resize(photo, small, new Size(w, h), 0, 0, scale < 1 ? INTER_AREA : INTER_LINEAR);
            Mat t = small;
            if (quarterTurns != 0) {
                rotate(small, turned, quarterTurns == 1 ? ROTATE_90_CLOCKWISE : quarterTurns == 2 ? ROTATE_180
                        : ROTATE_90_COUNTERCLOCKWISE);
                t = turned;
            }
            tw = t.cols();
            th = t.rows();
            int pw = (tw + m - 1) / m * m;
            int ph = (th + m - 1) / m * m;
            copyMakeBorder(t, padded, 0, ph - th, 0, pw - tw, BORDER_CONSTANT, new Scalar(0, 0, 0, 0));
            picture = BgrMats.toRgb(padded);
        }
        float[] rows = networks.detect(picture);
        List<Candidate> out = new ArrayList<>();
        for (int r = 0; r + V <= rows.length; r += V) {
            if (rows[r] < candidateScore) {
                continue;
            }
            double side = Math.max(rows[r + 3], rows[r + 4]) / scale;
            double[] c = unturn(rows[r + 1], rows[r + 2], quarterTurns, w, h);
            double[] kp = new double[12];
            for (int k = 0; k < 6; k++) {
                double[] p = unturn(rows[r + 5 + 2 * k], rows[r + 6 + 2 * k], quarterTurns, w, h);
                kp[2 * k] = p[0] / scale;
                kp[2 * k + 1] = p[1] / scale;
            }
            out.add(new Candidate(c[0] / scale, c[1] / scale, side, rows[r], kp));
        }
        return out;
    }

    /** A point of the turned w × h picture back in the unturned picture. */
    static double[] unturn(double x, double y, int quarterTurns, int w, int h) {
        return switch (quarterTurns) {
            case 1 -> new double[] {y, h - x}; // turned clockwise: x' = h − y, y' = x
            case 2 -> new double[] {w - x, h - y};
            case 3 -> new double[] {w - y, x}; // turned anticlockwise: x' = y, y' = w − x
            default -> new double[] {x, y};
        };
    }

    /** MediaPipe's weighted non-maximum suppression: overlapping candidates become their score-weighted mean. */
    List<Candidate> merge(List<Candidate> candidates) {
        List<Candidate> rest = new ArrayList<>(candidates);
        rest.sort(Comparator.comparingDouble((Candidate c) -> -c.score));
        List<Candidate> out = new ArrayList<>();
        while (!rest.isEmpty()) {
            Candidate top = rest.get(0);
            List<Candidate> cluster = new ArrayList<>();
            List<Candidate> keep = new ArrayList<>();
            for (Candidate c : rest) {
                (c == top || top.iou(c) > nmsIou ? cluster : keep).add(c);
            }
            double wsum = 0;
            double cx = 0;
            double cy = 0;
            double side = 0;
            double[] kp = new double[12];
            for (Candidate c : cluster) {
                wsum += c.score;
                cx += c.score * c.cx;
                cy += c.score * c.cy;
                side += c.score * c.side;
                for (int k = 0; k < 12; k++) {
                    kp[k] += c.score * c.keypoints[k];
                }
            }
            for (int k = 0; k < 12; k++) {
                kp[k] /= wsum;
            }
            out.add(new Candidate(cx / wsum, cy / wsum, side / wsum, top.score, kp));
            rest = keep;
        }
        return out;
    }

    /** Landmarks for every candidate, and from them the face box and roll the model's crop is placed by. */
    private List<DetectedFace> place(Photo photo, List<Candidate> candidates, double threshold) {
        if (candidates.isEmpty()) {
            return new ArrayList<>();
        }
        int size = networks.landmarkSize();
        List<FaceCrop> crops = new ArrayList<>();
        List<RgbImage> inputs = new ArrayList<>();
        for (Candidate c : candidates) {
            // level the eyes the detector saw, so the landmark network gets an upright face at any rotation
            double roll = Math.toDegrees(Math.atan2(c.keypoints[3] - c.keypoints[1], c.keypoints[2] - c.keypoints[0]));
            FaceCrop crop = new FaceCrop(c.cx, c.cy, c.side * landmarkCropScale, roll);
            crops.add(crop);
            inputs.add(FaceCropper.extract(photo, crop, size));
        }
        float[] points = networks.landmarks(inputs);
        List<DetectedFace> faces = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            double[] xy = new double[2 * FaceLandmarks.COUNT];
            for (int k = 0; k < xy.length; k++) {
                xy[k] = points[i * xy.length + k] * size;
            }
            FaceLandmarks lm = FaceLandmarks.of(xy).transformed(crops.get(i).cropToPhoto(size));
            faces.add(fromLandmarks(lm, candidates.get(i).score, CropGeometry.standard()));
        }
        return verified(photo, faces, threshold);
    }

    /**
     * The faces the detector finds again in their own aligned crop (upright, at the detector's favourite scale),
     * framed as expected, each with that second score as its confidence. A pattern that looked like a face at one scale
     * and angle rarely does so again once it is cut out, levelled and framed as a face: this second look is
     * what keeps leaves, fur and cups from being edited.
     */
    private List<DetectedFace> verified(Photo photo, List<DetectedFace> faces, double threshold) {
        List<DetectedFace> out = new ArrayList<>();
        List<double[]> looks = secondLooks(photo, faces);
        for (int i = 0; i < faces.size(); i++) {
            DetectedFace f = faces.get(i);
            double[] look = looks.get(i);
            // a face framed as the model's crop frames it fills about half the crop's width, eyes level
            boolean framed = look[1] >= verifyWidth[0] && look[1] <= verifyWidth[1] && Math.abs(look[2]) <= verifyMaxRoll;
            if (look[0] >= threshold && framed) {
                out.add(new DetectedFace(f.id(), f.x(), f.y(), f.size(), f.rollDegrees(), true, look[0], f.landmarks()));
            }
        }
        return out;
    }

    /**
     * Per face, {score, box width as a fraction of the crop, roll of the eyes in degrees} of the detector's best
     * row centred in the face's aligned crop; score 0 when none is.
     */
    List<double[]> secondLooks(Photo photo, List<DetectedFace> faces) {
        List<double[]> out = new ArrayList<>();
        if (faces.isEmpty()) {
            return out;
        }
        List<RgbImage> crops = new ArrayList<>();
        for (DetectedFace f : faces) {
            crops.add(FaceCropper.extract(photo, FaceCrop.of(f), verifySide));
        }
        for (float[] rows : networks.detectAll(crops)) {
            double[] best = {0, 0, 0};
            for (int r = 0; r + V <= rows.length; r += V) {
                double dx = rows[r + 1] / verifySide - 0.5;
                double dy = rows[r + 2] / verifySide - 0.5;
                if (Math.hypot(dx, dy) < 0.2 && rows[r] > best[0]) {
                    best = new double[] {rows[r], rows[r + 3] / verifySide,
                            Math.toDegrees(Math.atan2(rows[r + 8] - rows[r + 6], rows[r + 7] - rows[r + 5]))};
                }
            }
            out.add(best);
        }
        return out;
    }

    /**
     * The face box and roll whose model crop (under {@code geometry}) frames the face as the generator's
     * training crops did: crop side and centre from the eye–mouth distance and the eye distance
     * (docs/CROP_GEOMETRY.md), roll from the eye line.
     */
    DetectedFace fromLandmarks(FaceLandmarks lm, double score, CropGeometry geometry) {
        double[] l = lm.leftEyeInPicture();
        double[] r = lm.rightEyeInPicture();
        double[] mouth = lm.mouth();
        double eyes = Math.hypot(r[0] - l[0], r[1] - l[1]);
        double ex = (r[0] - l[0]) / eyes;
        double ey = (r[1] - l[1]) / eyes;
        double downX = -ey;
        double downY = ex;
        double midX = (l[0] + r[0]) / 2;
        double midY = (l[1] + r[1]) / 2;
        double eyeMouth = Math.max(0, (mouth[0] - midX) * downX + (mouth[1] - midY) * downY);
        double side = eyeMouthWeight * eyeMouth + eyesWeight * eyes;
        double cropX = midX + centreDown * side * downX;
        double cropY = midY + centreDown * side * downY;
        double size = side / geometry.scale();
        double boxX = cropX - geometry.shiftY() * size * downX;
        double boxY = cropY - geometry.shiftY() * size * downY;
        return new DetectedFace("face", boxX - size / 2, boxY - size / 2, size, Math.toDegrees(Math.atan2(ey, ex)), true,
                score, lm);
    }

    @Override
    public synchronized void close() {
        networks.close();
    }
}
