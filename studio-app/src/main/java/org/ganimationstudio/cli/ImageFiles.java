package org.ganimationstudio.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Output pictures: format by extension, atomic writes, and never over the source. */
final class ImageFiles {

    private ImageFiles() {
    }

    static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
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

    /** Writes to a temporary file beside {@code target}, then renames it: no partial file is ever visible. */
    static void writeAtomically(BufferedImage image, Path target) throws IOException {
        String format = formatOf(target);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            if (!ImageIO.write(image, format, tmp.toFile())) {
                throw new IOException("no " + format + " writer available");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Refuses to write over the source photo, or over an existing file unless asked to. */
    static void checkTarget(Path source, Path target, boolean overwrite) throws IOException {
        if (Files.exists(target)) {
            if (Files.isSameFile(source, target)) {
                throw new IllegalArgumentException("the output " + target + " is the input photo: it is never overwritten");
            }
            if (!overwrite) {
                throw new IllegalArgumentException("the output " + target + " exists (use --overwrite to replace it)");
            }
        }
    }
}
