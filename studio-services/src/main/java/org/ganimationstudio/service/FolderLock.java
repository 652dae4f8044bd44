package org.ganimationstudio.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One batch at a time in an output folder. The lock is the operating system's lock on a hidden file
 * ({@link FileChannel#tryLock}), which the system releases when its process dies, SIGKILL included, so
 * a killed batch never leaves a lock behind that needs clearing by hand. The file holds the owner's
 * process id, for the message a second batch gets. It stays in the folder: removing it would let a
 * batch that had just opened it lock a file no longer in the folder. Within one JVM a registry stands
 * in front of the OS lock, because closing any channel on the file would release the JVM's lock.
 */
public final class FolderLock implements AutoCloseable {

    static final String FILE_NAME = ".ganimation-batch.lock";

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder's lock.
     *
     * @throws IllegalStateException when another batch (in this or another process) holds it
     */
    public static FolderLock acquire(Path folder) throws IOException {
        Path real = folder.toRealPath();
        if (!HELD.add(real)) {
            throw busy(folder, Long.toString(ProcessHandle.current().pid()));
        }
        try {
            FileChannel channel = FileChannel.open(real.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String owner = owner(channel);
                channel.close();
                throw busy(folder, owner);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new FolderLock(real, channel, lock);
        } catch (IOException | RuntimeException e) {
            HELD.remove(real);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } finally {
            HELD.remove(folder);
        }
    }

    private static IllegalStateException busy(Path folder, String owner) {
        return new IllegalStateException("another batch" + (owner.isEmpty() ? "" : " (process " + owner + ")")
                + " is writing to " + folder + "; wait for it to finish, or choose another output folder");
    }

    private static String owner(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            channel.read(buf, 0);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
