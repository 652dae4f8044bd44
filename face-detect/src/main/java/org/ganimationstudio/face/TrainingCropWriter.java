package org.ganimationstudio.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Turns a folder of photos into training crops with the studio's crop geometry, plus
 * {@code crops.csv} saying which source and box each crop came from. Never writes into the input.
 * Every file goes through a {@link FileSink}, which decides how files are written (atomically, and
 * whether an existing one may be replaced).
 */
public final class TrainingCropWriter {

    /** Writes the content of one file to the path it is given. */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(Path file) throws IOException;
    }

    /** Puts one output file in place, complete or not at all. */
    @FunctionalInterface
    public interface FileSink {
        void write(Path target, FileContent content) throws IOException;
    }

    /** What happened to a folder: crops written, photos without a face, unreadable files with reasons. */
    public record Summary(int photos, int crops, List<String> noFace, List<String> failed) {
    }

    private final FaceFinder detector;
    private final int size;
    private final boolean allFaces;

    public TrainingCropWriter(FaceFinder detector, int size, boolean allFaces) {
        this.detector = detector;
        this.size = size;
        this.allFaces = allFaces;
    }

    public Summary write(Path inputDir, Path outputDir, FileSink sink) throws IOException {
        Path in = inputDir.toRealPath();
        Files.createDirectories(outputDir);
        Path out = outputDir.toRealPath();
        if (out.startsWith(in)) {
            throw new IllegalArgumentException("the output folder must not be inside the input folder");
        }
        List<Path> photos;
        try (Stream<Path> s = Files.list(in)) {
            photos = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        PhotoReader reader = new PhotoReader();
        List<String> noFace = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        int crops = 0;
        StringBuilder csv = new StringBuilder(
                "crop,source,face_id,box_x,box_y,box_size,roll_deg,crop_center_x,crop_center_y,crop_side,crop_size\n");
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
                BufferedImage crop = FaceCropper.extractBgr(photo, c, size);
                sink.write(out.resolve(name), file -> {
                    if (!ImageIO.write(crop, "png", file.toFile())) {
                        throw new IOException("no png writer available");
                    }
                });
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.1f,%.1f,%.1f,%.2f,%.1f,%.1f,%.1f,%d%n", name,
                        p.getFileName(), f.id(), f.x(), f.y(), f.size(), f.rollDegrees(), c.centerX(), c.centerY(),
                        c.side(), size));
                crops++;
            }
        }
        sink.write(out.resolve("crops.csv"), file -> Files.writeString(file, csv, StandardCharsets.UTF_8));
        return new Summary(photos.size(), crops, noFace, failed);
    }
}
