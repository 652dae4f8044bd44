package org.ganimationstudio.service;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Renders every photo of a folder into an output folder, one output per photo. Outputs are written
 * atomically, so a finished output is complete and a rerun skips it: a batch stopped at any moment
 * resumes without redoing or losing work. The input folder is never written to, not even through a
 * link, and the batch never reads its own outputs. One batch at a time writes to an output folder
 * ({@link FolderLock}); a second one is refused in plain words.
 */
public final class BatchRun {

    /** The photo extensions a batch picks up (case-insensitive). */
    public static final Set<String> PHOTO_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "tif", "tiff", "webp");

    /** What to do with one photo. */
    public interface PhotoJob {
        /** The output's extension (without a dot) for this input. */
        String outputExtension(Path input);

        /** Renders {@code input} into {@code output}, written atomically and never over an existing file. */
        void render(Path input, Path output) throws Exception;
    }

    /** Hears about progress; called on the batch's thread. */
    public interface Listener {
        default void started(int photos, int alreadyDone) {
        }

        /** Something of the input folder was left out (a folder that links back into itself, an unreadable one). */
        default void warning(String message) {
        }

        /** A photo is about to be rendered (not called for photos already done). */
        default void rendering(Path input) {
        }

        default void finished(Path input, Outcome outcome, String reason) {
        }
    }

    public enum Outcome { DONE, SKIPPED, FAILED }

    /** A photo that could not be rendered, and why in plain words. */
    public record Failure(Path input, String reason) {
    }

    /** The count of each outcome and the failures; {@code cancelled} when stopped before the end. */
    public record Summary(int done, int skipped, List<Failure> failed, boolean cancelled) {
        public int total() {
            return done + skipped + failed.size();
        }
    }

    private final Path inputDir;
    private final Path outputDir;
    private final boolean recursive;

    public BatchRun(Path inputDir, Path outputDir, boolean recursive) throws IOException {
        if (!Files.isDirectory(inputDir)) {
            throw new IllegalArgumentException("the input folder " + inputDir + " does not exist or is not a folder");
        }
        Path in = inputDir.toRealPath();
        // where the output folder really is, through any link on the way (existing or not)
        Path out = OutputPolicy.realLocation(outputDir);
        if (out.startsWith(in)) {
            throw new IllegalArgumentException("the output folder " + outputDir + " is inside the input folder "
                    + inputDir + ": a batch never writes into its input; choose another folder");
        }
        this.inputDir = in;
        this.outputDir = out;
        this.recursive = recursive;
    }

    /** The photos of the input folder, in a stable order, each with the output it will get. */
    public Map<Path, Path> plan(PhotoJob job) throws IOException {
        return plan(job, new ArrayList<>());
    }

    /** As {@link #plan(PhotoJob)}; what had to be left out is added to {@code warnings} in plain words. */
    private Map<Path, Path> plan(PhotoJob job, List<String> warnings) throws IOException {
        List<Path> photos = photoFiles(warnings).stream().filter(this::isNoOutput)
                .sorted(Comparator.comparing(p -> inputDir.relativize(p).toString())).toList();
        Map<Path, Path> plan = new LinkedHashMap<>();
        Map<Path, Set<String>> taken = new HashMap<>();
        for (Path p : photos) {
            Path rel = inputDir.relativize(p);
            Path dir = rel.getParent() == null ? outputDir : outputDir.resolve(rel.getParent().toString());
            String name = outputName(rel.getFileName().toString(), job.outputExtension(p),
                    taken.computeIfAbsent(dir, d -> new HashSet<>()));
            plan.put(p, dir.resolve(name));
        }
        return plan;
    }

    /**
     * The output name of a photo named {@code photoName}, given the output names already {@code taken} in
     * its folder (by the photos before it in name order), which it is added to. The cluster batch names its
     * outputs with this too, so both write the same files.
     */
    public static String outputName(String photoName, String extension, Set<String> taken) {
        String name = OutputFiles.withExtension(photoName, extension);
        if (!taken.add(name)) {
            // a.jpg and a.png in one folder: the second keeps its own extension in the name
            name = photoName.replace('.', '_') + "." + extension;
            taken.add(name);
        }
        return name;
    }

    /** Whether {@code fileName} has the extension of a photo a batch picks up (and is not hidden). */
    public static boolean isPhotoName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return !fileName.startsWith(".") && dot > 0
                && PHOTO_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The photo files of the input folder (sub-folders too when recursive, following links). A folder that
     * links back to one of its own parents, or one that cannot be read, is left out with a warning instead
     * of ending the whole batch; a named pipe or device with a photo's name is never opened.
     */
    private List<Path> photoFiles(List<String> warnings) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!recursive) {
            try (Stream<Path> s = Files.list(inputDir)) {
                s.filter(Files::isRegularFile).filter(BatchRun::isPhoto).forEach(found::add);
            }
            return found;
        }
        Files.walkFileTree(inputDir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isPhoto(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                String where = inputDir.relativize(file).toString();
                if (e instanceof FileSystemLoopException) {
                    warnings.add("skipped " + where + ": it links back to a folder that contains it");
                } else if (e instanceof java.nio.file.AccessDeniedException) {
                    warnings.add("skipped " + where + ": permission denied");
                } else {
                    warnings.add("skipped " + where + ": it cannot be read");
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    /**
     * Runs the batch; never throws for one photo's failure.
     *
     * @throws IllegalStateException when another batch is writing to the same output folder
     */
    public Summary run(PhotoJob job, Listener listener, BooleanSupplier cancelled) throws IOException {
        Files.createDirectories(outputDir);
        try (FolderLock lock = FolderLock.acquire(outputDir)) {
            return runLocked(job, listener, cancelled);
        }
    }

    private Summary runLocked(PhotoJob job, Listener listener, BooleanSupplier cancelled) throws IOException {
        List<String> warnings = new ArrayList<>();
        Map<Path, Path> plan = plan(job, warnings);
        warnings.forEach(listener::warning);
        // only this program's part files whose writer is dead: never another program's, never a live run's
        PartFiles.removeStale(outputDir, true);
        OutputPolicy policy = OutputPolicy.of(false, inputDir);
        int already = (int) plan.values().stream().filter(out -> isDone(policy, out)).count();
        listener.started(plan.size(), already);
        int done = 0;
        int skipped = 0;
        List<Failure> failed = new ArrayList<>();
        for (Map.Entry<Path, Path> e : plan.entrySet()) {
            if (cancelled.getAsBoolean()) {
                return new Summary(done, skipped, failed, true);
            }
            Path in = e.getKey();
            Path out = e.getValue();
            try {
                // a folder in the way, or a sub-folder that is a link into the input: this photo fails
                policy.refuseInputOrFolder(out);
                if (Files.isRegularFile(out)) {
                    skipped++;
                    listener.finished(in, Outcome.SKIPPED, "already done");
                    continue;
                }
                policy.check(out);
                listener.rendering(in);
                job.render(in, out);
                done++;
                listener.finished(in, Outcome.DONE, null);
            } catch (java.util.concurrent.CancellationException c) {
                return new Summary(done, skipped, failed, true);
            } catch (Exception | OutOfMemoryError | StackOverflowError ex) {
                String reason = PlainMessage.of(ex);
                failed.add(new Failure(in, reason));
                listener.finished(in, Outcome.FAILED, reason);
            }
        }
        return new Summary(done, skipped, failed, false);
    }

    public Path inputDir() {
        return inputDir;
    }

    public Path outputDir() {
        return outputDir;
    }

    static boolean isPhoto(Path p) {
        return isPhotoName(p.getFileName().toString());
    }

    private static boolean isDone(OutputPolicy policy, Path output) {
        try {
            policy.refuseInputOrFolder(output);
            return Files.isRegularFile(output);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A file that is not inside the output folder (a recursive batch reaching it through a link). */
    private boolean isNoOutput(Path file) {
        try {
            return !file.toRealPath().startsWith(outputDir);
        } catch (IOException e) {
            return false;
        }
    }
}
