package org.ganimationstudio.service;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
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
     * Writes through a temporary file beside {@code target}, then renames it over the target:
     * a reader never sees a partial file, and a failure leaves none behind.
     */
    public static void writeAtomically(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            writer.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a picture atomically, in the format its extension names. */
    public static void writeImage(BufferedImage image, Path target) throws IOException {
        String format = imageFormatOf(target);
        // JPEG and BMP have no alpha: an ARGB image would be refused or written with wrong colours.
        BufferedImage out = !"png".equals(format) && image.getColorModel().hasAlpha() ? opaque(image) : image;
        writeAtomically(target, tmp -> {
            if (!ImageIO.write(out, format, tmp.toFile())) {
                throw new IOException("no " + format + " writer available");
            }
        });
    }

    /**
     * Refuses to write over the source photo, or over an existing file unless asked to; creates the
     * target's folder, so a folder that cannot exist is reported before any work is done.
     */
    public static void checkTarget(Path source, Path target, boolean overwrite) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.exists(target)) {
            if (source != null && Files.exists(source) && Files.isSameFile(source, target)) {
                throw new IllegalArgumentException("the output " + target + " is the input photo: it is never overwritten");
            }
            if (!overwrite) {
                throw new IllegalArgumentException("the output " + target + " exists (use --overwrite to replace it)");
            }
        }
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
