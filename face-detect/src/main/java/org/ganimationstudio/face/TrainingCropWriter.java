package org.ganimationstudio.face;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Turns a folder of photos into training crops with the studio's crop geometry, plus
 * {@code crops.csv} saying which source and box each crop came from. Never writes into the input.
 */
public final class TrainingCropWriter {

    /** What happened to a folder: crops written, photos without a face, unreadable files with reasons. */
    public record Summary(int photos, int crops, List<String> noFace, List<String> failed) {
    }

    private final FaceDetector detector;
    private final int size;
    private final boolean allFaces;

    public TrainingCropWriter(FaceDetector detector, int size, boolean allFaces) {
        this.detector = detector;
        this.size = size;
        this.allFaces = allFaces;
    }

    public Summary write(Path inputDir, Path outputDir) throws IOException {
        Path in = inputDir.toRealPath();
        Files.createDirectories(outputDir);
        Path out = outputDir.toRealPath();
        if (out.startsWith(in)) {
            throw new IllegalArgumentException("the output folder must not be inside the input folder");
        }
        List<Path> photos;
        try (Stream<Path> s = Files.list(in)) {
            photos = s.filter(Files::isRegularFile).sorted().toList();
        }
        PhotoReader reader = new PhotoReader();
        List<String> noFace = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int crops = 0;
        Path csv = out.resolve("crops.csv");
        Path tmpCsv = Files.createTempFile(out, ".crops", ".csv.part");
        try (Writer w = Files.newBufferedWriter(tmpCsv, StandardCharsets.UTF_8)) {
            w.write("crop,source,face_id,box_x,box_y,box_size,roll_deg,crop_center_x,crop_center_y,crop_side,crop_size\n");
            for (Path p : photos) {
                Photo photo;
                try {
                    photo = reader.read(p);
                } catch (PhotoReadException e) {
                    failed.add(p.getFileName() + ": " + e.getMessage());
                    continue;
                }
                List<DetectedFace> faces = detector.detect(photo);
                if (faces.isEmpty()) {
                    noFace.add(p.getFileName().toString());
                    continue;
                }
                for (DetectedFace f : allFaces ? faces : faces.subList(0, 1)) {
                    FaceCrop c = FaceCrop.of(f);
                    String stem = p.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                    String name = stem + "_" + f.id() + ".png";
                    Path tmp = Files.createTempFile(out, "." + name, ".part");
                    ImageIO.write(FaceCropper.extractBgr(photo, c, size), "png", tmp.toFile());
                    Files.move(tmp, out.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    w.write(String.format(Locale.ROOT, "%s,%s,%s,%.1f,%.1f,%.1f,%.2f,%.1f,%.1f,%.1f,%d%n", name,
                            p.getFileName(), f.id(), f.x(), f.y(), f.size(), f.rollDegrees(), c.centerX(), c.centerY(),
                            c.side(), size));
                    crops++;
                }
            }
        }
        Files.move(tmpCsv, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Summary(photos.size(), crops, noFace, failed);
    }
}
