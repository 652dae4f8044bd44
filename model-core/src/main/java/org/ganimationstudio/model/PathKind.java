package org.ganimationstudio.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path given as an input names, in plain words: a file, a folder, or something that is neither
 * (a named pipe, a device, a socket). Checked before anything opens it, so a named pipe never blocks a
 * read and a folder is never reported as a missing file.
 */
public final class PathKind {

    // file-type bits of a POSIX st_mode
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private PathKind() {
    }

    /** "a folder", "a named pipe (FIFO)", "a device", …; "a file" for a regular file; null when nothing is there. */
    public static String of(Path path) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? "a link that leads nowhere" : null;
        }
        if (a.isRegularFile()) {
            return "a file";
        }
        if (a.isDirectory()) {
            return "a folder";
        }
        try {
            int type = ((Integer) Files.getAttribute(path, "unix:mode")) & S_IFMT;
            return switch (type) {
                case S_IFIFO -> "a named pipe (FIFO)";
                case S_IFCHR, S_IFBLK -> "a device";
                case S_IFSOCK -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return "a special file";
        }
    }

    /**
     * Why {@code path} cannot be read as {@code what} (e.g. "photo", "keyframes file"), or null when it is a
     * readable regular file.
     */
    public static String notAReadableFile(Path path, String what) {
        String kind = of(path);
        if (kind == null) {
            return "no such file: " + path;
        }
        if (!kind.equals("a file")) {
            return path + " is " + kind + ", not " + withArticle(what);
        }
        if (!Files.isReadable(path)) {
            return path + " cannot be read (permission denied)";
        }
        return null;
    }

    /** Why {@code path} cannot be used as the folder {@code what}, or null when it is a folder. */
    public static String notAFolder(Path path, String what) {
        String kind = of(path);
        if (kind == null) {
            return "no such folder: " + path;
        }
        return kind.equals("a folder") ? null : path + " is " + kind + ", not " + withArticle(what);
    }

    /** "a photo", "an expression file". */
    public static String withArticle(String what) {
        return ("aeiou".indexOf(Character.toLowerCase(what.charAt(0))) >= 0 ? "an " : "a ") + what;
    }
}
