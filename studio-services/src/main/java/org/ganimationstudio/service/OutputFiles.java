package org.ganimationstudio.service;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** Output files: format by extension, atomic writes, and never over the source. */
public final class OutputFiles {

    /** Writes the content of a file to the (temporary) path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    private OutputFiles() {
    }

    /** The ImageIO format name for a still-picture output, from its extension. */
    public static String imageFormatOf(Path file) {
        String name = lowerName(file);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "jpg";
        }
        if (name.endsWith(".bmp")) {
            return "bmp";
        }
        throw new IllegalArgumentException("output " + file.getFileName() + " must end in .png, .jpg or .bmp");
    }

    /**
     * Writes through a part file beside {@code target}, then renames it over the target (replacing an
     * existing file, never an input): a reader never sees a partial file, and a failure leaves none behind.
     */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        write(target, OutputPolicy.REPLACE, writer);
    }

    /**
     * Writes through a part file beside {@code target}, then moves it into place under {@code policy}:
     * a reader never sees a partial file, and every failure (a full disk, a writer that cannot load,
     * a name taken meanwhile) removes the part file and leaves what was there.
     */
    public static void write(Path target, OutputPolicy policy, Writer writer) throws IOException {
        writeAll(policy, new LinkedHashMap<>(Map.of(target, writer)));
    }

    /**
     * Writes several files all or nothing: every file is written to its part file first, and only
     * when all are complete are they moved into place; when a move fails, the files this call had
     * already created are removed again.
     */
    public static void writeAll(OutputPolicy policy, LinkedHashMap<Path, Writer> files) throws IOException {
        for (Path target : files.keySet()) {
            policy.refuseInputOrFolder(target);
            Files.createDirectories(target.toAbsolutePath().getParent());
        }
        Map<Path, Path> parts = new LinkedHashMap<>();
        List<Path> created = new ArrayList<>();
        try {
            for (Map.Entry<Path, Writer> e : files.entrySet()) {
                Path part = PartFiles.create(e.getKey());
                parts.put(e.getKey(), part);
                try {
                    e.getValue().writeTo(part);
                } catch (IOException | RuntimeException | LinkageError ex) {
                    throw writeFailure(e.getKey(), ex);
                }
            }
            for (Map.Entry<Path, Path> e : parts.entrySet()) {
                boolean existed = Files.exists(e.getKey(), LinkOption.NOFOLLOW_LINKS);
                policy.commit(e.getValue(), e.getKey());
                if (!existed) {
                    created.add(e.getKey());
                }
            }
            created.clear();
        } finally {
            for (Path part : parts.values()) {
                Files.deleteIfExists(part);
            }
            // all or nothing: undo the files this call created before a later one failed
            for (Path target : created) {
                Files.deleteIfExists(target);
            }
        }
    }

    /**
     * A write that failed, in plain words: a full disk (or a file size limit) says so and what to do;
     * anything else names the file and the reason.
     */
    public static IOException writeFailure(Path target, Throwable error) {
        if (isDiskFull(error)) {
            return new IOException("could not write " + target + ": the disk is full; free some space and try again", error);
        }
        if (error instanceof IOException io && io.getMessage() != null && io.getMessage().contains(target.getFileName().toString())) {
            return io;
        }
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new IOException("could not write " + target + ": " + reason, error);
    }

    /** Whether a failure is the disk (or the process's file size limit) running out of room. */
    public static boolean isDiskFull(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded")
                    || m.contains("File too large"))) {
                return true;
            }
        }
        return false;
    }

    /** Writes a picture atomically, in the format its extension names, replacing an existing file. */
    public static void writeImage(BufferedImage image, Path target) throws IOException {
        writeImage(image, target, OutputPolicy.REPLACE);
    }

    /** Writes a picture atomically under {@code policy}, in the format its extension names. */
    public static void writeImage(BufferedImage image, Path target, OutputPolicy policy) throws IOException {
        write(target, policy, imageWriter(image, target));
    }

    /** Writes a picture in the format {@code target}'s extension names, to the file it is given. */
    public static Writer imageWriter(BufferedImage image, Path target) {
        String format = imageFormatOf(target);
        // JPEG and BMP have no alpha: an ARGB image would be refused or written with wrong colours.
        BufferedImage out = !"png".equals(format) && image.getColorModel().hasAlpha() ? opaque(image) : image;
        return tmp -> {
            if (!ImageIO.write(out, format, tmp.toFile())) {
                throw new IOException("no " + format + " writer available");
            }
        };
    }

    /**
     * Refuses to write over the source photo, or over an existing file unless asked to; creates the
     * target's folder, so a folder that cannot exist is reported before any work is done.
     */
    public static void checkTarget(Path source, Path target, boolean overwrite) throws IOException {
        prepare(source, overwrite, target);
    }

    /**
     * The policy of a command that writes {@code targets} from {@code source}: checks every target
     * before any work ({@link OutputPolicy#check}) and removes the part files a killed run of this
     * program left beside them.
     */
    public static OutputPolicy prepare(Path source, boolean overwrite, Path... targets) throws IOException {
        OutputPolicy policy = OutputPolicy.of(overwrite, source);
        for (Path target : targets) {
            policy.check(target);
        }
        for (Path target : targets) {
            PartFiles.removeStale(target.toAbsolutePath().getParent(), false);
        }
        return policy;
    }

    /** {@code name.ext} becomes {@code name-suffix.ext} in the same folder. */
    public static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String ext = dot < 0 ? "" : name.substring(dot);
        return file.resolveSibling(stem + "-" + suffix + ext);
    }

    /** The file name with its extension replaced. */
    public static String withExtension(String name, String extension) {
        int dot = name.lastIndexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)) + "." + extension;
    }

    static String lowerName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = rgb.createGraphics();
        g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        g.dispose();
        return rgb;
    }
}
