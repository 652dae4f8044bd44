package org.ganimationstudio.service;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules every written file obeys, whichever command writes it: an existing file is replaced only
 * when asked to ({@code --overwrite}), and that is decided at the final rename, which never replaces
 * a file that appeared meanwhile; an input (a photo, or a whole input folder) is never written, even
 * through a symbolic link; a folder where a file should go is an error.
 */
public final class OutputPolicy {

    /** Replaces existing files (the studio, after its save dialog asked), never an input. */
    public static final OutputPolicy REPLACE = new OutputPolicy(true, List.of());
    /** Creates new files only. */
    public static final OutputPolicy NEW_FILES = new OutputPolicy(false, List.of());

    private final boolean overwrite;
    private final List<Path> inputs;

    private OutputPolicy(boolean overwrite, List<Path> inputs) {
        this.overwrite = overwrite;
        this.inputs = inputs;
    }

    /**
     * @param overwrite whether existing files may be replaced
     * @param inputs    photos or folders that are never written to (null entries are ignored)
     */
    public static OutputPolicy of(boolean overwrite, Path... inputs) throws IOException {
        List<Path> real = new ArrayList<>();
        for (Path p : inputs) {
            if (p != null && Files.exists(p)) {
                real.add(p.toRealPath());
            }
        }
        return new OutputPolicy(overwrite, List.copyOf(real));
    }

    public boolean overwrite() {
        return overwrite;
    }

    /**
     * Checks a target before any work: creates its folder (so a folder that cannot exist is reported
     * now), refuses an input, a folder, or an existing file without overwrite.
     */
    public void check(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        refuseInputOrFolder(target);
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("the output " + target + " exists (use --overwrite to replace it)");
        }
    }

    /**
     * Moves a finished part file into place under these rules. Without overwrite the move is a hard
     * link, which fails when the name is taken, so a file created since {@link #check} (by another run,
     * say) is never replaced.
     */
    void commit(Path part, Path target) throws IOException {
        refuseInputOrFolder(target);
        if (overwrite) {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        try {
            Files.createLink(target, part);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("the output " + target + " appeared while this one was being written; it is kept "
                    + "(use --overwrite to replace it)", e);
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            if (e instanceof java.nio.file.FileSystemException f && isAccessProblem(f)) {
                throw f;
            }
            // a file system without hard links: a plain move, which also refuses a name that exists
            Files.move(part, target);
            return;
        }
        Files.delete(part);
    }

    /** Refuses a target that is an input (or inside an input folder), through links too, or a folder. */
    void refuseInputOrFolder(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("the output " + target + " is a folder; choose a file name, or move the folder away");
        }
        Path real = realLocation(target);
        for (Path input : inputs) {
            boolean same = real.equals(input) || Files.exists(target) && Files.isSameFile(target, input);
            if (same) {
                throw new IllegalArgumentException("the output " + target + " is the input photo: it is never overwritten");
            }
            if (Files.isDirectory(input) && real.startsWith(input)) {
                throw new IllegalArgumentException("the output " + target + " is inside the input folder " + input
                        + ": an input is never written to; choose another output");
            }
        }
    }

    /**
     * Where {@code path} really is: its deepest existing ancestor with every link resolved, plus the
     * rest of the path. A link to the file itself is followed too.
     */
    public static Path realLocation(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        return existing.toRealPath().resolve(existing.relativize(abs).toString());
    }

    private static boolean isAccessProblem(java.nio.file.FileSystemException e) {
        return e instanceof java.nio.file.AccessDeniedException || e instanceof java.nio.file.NoSuchFileException;
    }
}
