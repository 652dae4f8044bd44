package org.ganimationstudio.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.ganimationstudio.service.PlainMessage;

/**
 * One task's photos: each is read into the task's scratch folder, rendered by the batch's own per-photo
 * job and moved into place ({@link AtomicOutput}); its scratch files are deleted before the next photo is
 * read, so a task holds one photo at a time. Each photo gives one manifest row; a photo that fails (not a
 * picture, no face, unreadable) fails its own row and never the task.
 */
final class PhotoTask implements MapPartitionsFunction<Row, Row> {

    /** Column order of the planned photos this task reads. */
    static final int PHOTO = 0;
    static final int OUTPUT = 1;
    static final int PROBLEM = 2;

    private final RenderSettings settings;
    private final HadoopSettings hadoop;
    private final String staging;

    /** {@code staging}: the run's staging folder, where each task attempt has its own. */
    PhotoTask(RenderSettings settings, HadoopSettings hadoop, String staging) {
        this.settings = settings;
        this.hadoop = hadoop;
        this.staging = staging;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> photos) throws Exception {
        List<Row> rows = new ArrayList<>();
        if (!photos.hasNext()) {
            return rows.iterator();
        }
        Configuration conf = hadoop.configuration();
        java.nio.file.Path scratch = Files.createTempDirectory("ganimation-task");
        RendererPool.Borrowed borrowed = null;
        try {
            while (photos.hasNext()) {
                Row photo = photos.next();
                long loadMillis = 0;
                if (borrowed == null && photo.isNullAt(PROBLEM)) {
                    try {
                        borrowed = RendererPool.borrow(settings);
                        loadMillis = borrowed.loaded() ? borrowed.renderer().loadMillis() : 0;
                    } catch (Exception | Error e) {
                        // the models cannot be loaded here: every photo of the task says why, none is lost
                        rows.add(row(photo.getString(PHOTO), null, photo.getString(OUTPUT), Manifest.FAILED,
                                PlainMessage.of(e), 0, 0, 0, 0));
                        continue;
                    }
                }
                rows.add(one(photo, borrowed, conf, scratch, loadMillis));
            }
        } finally {
            if (borrowed != null) {
                RendererPool.giveBack(settings, borrowed.renderer());
            }
            deleteTree(scratch);
        }
        return rows.iterator();
    }

    private Row one(Row planned, RendererPool.Borrowed borrowed, Configuration conf, java.nio.file.Path scratch,
                    long loadMillis) {
        String photo = planned.getString(PHOTO);
        String output = planned.getString(OUTPUT);
        if (!planned.isNullAt(PROBLEM)) {
            return row(photo, null, output, Manifest.FAILED, planned.getString(PROBLEM), 0, 0, 0, loadMillis);
        }
        long start = System.nanoTime();
        long read = 0;
        long render = 0;
        java.nio.file.Path local = null;
        java.nio.file.Path rendered = null;
        try {
            Path out = new Path(output);
            FileSystem outFs = AtomicOutput.fileSystem(out, conf);
            if (outFs.exists(out)) {
                return row(photo, null, output, Manifest.FOUND, null, 0, 0, 0, loadMillis);
            }
            Path in = new Path(photo);
            // the photo's own name: the batch's messages name it, and its extension picks nothing else
            local = scratch.resolve(in.getName());
            try (InputStream s = AtomicOutput.fileSystem(in, conf).open(in)) {
                Files.copy(s, local, StandardCopyOption.REPLACE_EXISTING);
            }
            long afterRead = System.nanoTime();
            read = afterRead - start;
            rendered = scratch.resolve("out").resolve(out.getName());
            Files.createDirectories(rendered.getParent());
            int faces = borrowed.renderer().render(local, rendered);
            long afterRender = System.nanoTime();
            render = afterRender - afterRead;
            TaskContext task = TaskContext.get();
            String attempt = task == null ? "driver" : task.stageId() + "-" + task.partitionId() + "-"
                    + task.taskAttemptId();
            Path staged = new Path(new Path(staging, attempt), out.getName());
            boolean placed = AtomicOutput.place(rendered, outFs, staged, out);
            long write = System.nanoTime() - afterRender;
            // an attempt that lost the race to another wrote nothing: its bytes were the same
            return row(photo, faces, output, placed ? Manifest.DONE : Manifest.FOUND, null, read, render, write,
                    loadMillis);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            return row(photo, null, output, Manifest.FAILED, message(e, photo), read, render, 0, loadMillis);
        } finally {
            deleteQuietly(local);
            deleteQuietly(rendered);
        }
    }

    /** The batch's own words; a file missing from the input gets its full path. */
    private static String message(Throwable e, String photo) {
        if (e instanceof java.io.FileNotFoundException) {
            return "no such file: " + photo;
        }
        return PlainMessage.of(e);
    }

    private Row row(String photo, Integer faces, String output, String status, String error,
                    long readNanos, long renderNanos, long writeNanos, long loadMillis) {
        return RowFactory.create(photo, faces, output, status, error, readNanos / 1_000_000, renderNanos / 1_000_000,
                writeNanos / 1_000_000, loadMillis, new Timestamp(System.currentTimeMillis()));
    }

    private static void deleteQuietly(java.nio.file.Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the task's scratch folder is removed at its end
            }
        }
    }

    private static void deleteTree(java.nio.file.Path dir) {
        try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(PhotoTask::deleteQuietly);
        } catch (IOException ignored) {
            // nothing more to remove
        }
    }
}
