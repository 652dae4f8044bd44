package org.ganimationstudio.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One job at a time writes to an output folder: the driver holds {@code OUTPUT/_lock} and touches it
 * while it runs. A lock whose driver is gone (a process no longer alive on this host, or a lock not
 * touched for {@link #STALE_MILLIS}) is taken over, and the staging files its run left are removed.
 */
final class OutputLock implements AutoCloseable {

    static final String FILE = "_lock";
    static final long TOUCH_MILLIS = 15_000;
    static final long STALE_MILLIS = 90_000;

    private final FileSystem fs;
    private final Path file;
    private final ScheduledExecutorService toucher;

    private OutputLock(FileSystem fs, Path file) {
        this.fs = fs;
        this.file = file;
        this.toucher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "output-lock");
            t.setDaemon(true);
            return t;
        });
        toucher.scheduleAtFixedRate(this::touch, TOUCH_MILLIS, TOUCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lock of {@code outputFolder}, removing {@code staging} when a stopped run left it.
     *
     * @throws IllegalStateException when another job is writing there
     */
    static OutputLock acquire(FileSystem fs, Path outputFolder, Path staging, String run) throws IOException {
        fs.mkdirs(outputFolder);
        Path file = new Path(outputFolder, FILE);
        for (int attempt = 0; attempt < 2; attempt++) {
            try (OutputStream out = fs.create(file, false)) {
                out.write((host() + "\n" + ProcessHandle.current().pid() + "\n" + run + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                return new OutputLock(fs, file);
            } catch (org.apache.hadoop.fs.FileAlreadyExistsException | java.nio.file.FileAlreadyExistsException e) {
                String holder = read(fs, file);
                if (!isStale(fs, file, holder)) {
                    String[] h = holder.split("\n");
                    throw new IllegalStateException("another job (run " + (h.length > 2 ? h[2] : "?") + " on "
                            + h[0] + ") is writing to " + outputFolder + "; wait for it to end (a stopped job's "
                            + "lock is taken over " + STALE_MILLIS / 1000 + " s after it stopped)");
                }
                // its run stopped part-way: nothing of its staging can still be moved into place
                fs.delete(staging, true);
                fs.delete(file, false);
            }
        }
        throw new IllegalStateException("could not take the lock " + file + ": another job took it at the same time");
    }

    private static boolean isStale(FileSystem fs, Path file, String holder) throws IOException {
        long age = System.currentTimeMillis() - fs.getFileStatus(file).getModificationTime();
        if (age > STALE_MILLIS) {
            return true;
        }
        String[] h = holder.split("\n");
        if (h.length >= 2 && h[0].equals(host())) {
            try {
                return ProcessHandle.of(Long.parseLong(h[1].trim())).map(p -> !p.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    private static String read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            return "";
        }
    }

    private void touch() {
        try {
            fs.setTimes(file, System.currentTimeMillis(), -1);
        } catch (IOException ignored) {
            // the next touch tries again; a lock untouched for long is only taken over, never lost silently
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    @Override
    public void close() throws IOException {
        toucher.shutdownNow();
        fs.delete(file, false);
    }
}
