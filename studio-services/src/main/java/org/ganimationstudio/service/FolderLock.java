package org.ganimationstudio.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One batch at a time in an output folder. The lock is the operating system's lock on a hidden file
 * ({@link FileChannel#tryLock}), which the system releases when its process dies, SIGKILL included, so
 * a killed batch never leaves a lock behind that needs clearing by hand. The file holds the owner's
 * process id, for the message a second batch gets, and is removed when the batch ends (a batch that
 * opened it just before then finds that the name no longer leads to the file it locked, and tries
 * again). Within one JVM a registry stands in front of the OS lock, because closing any descriptor of
 * the file would release the JVM's lock.
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
            Path file = real.resolve(FILE_NAME);
            for (int attempt = 0; attempt < 50; attempt++) {
                FolderLock lock = tryOnce(folder, real, file);
                if (lock != null) {
                    return lock;
                }
            }
            throw new IllegalStateException("could not lock " + folder + " for the batch; try again");
        } catch (IOException | RuntimeException e) {
            HELD.remove(real);
            throw e;
        }
    }

    /** One try: null when the file was replaced or removed meanwhile (try again). */
    private static FolderLock tryOnce(Path folder, Path real, Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // another batch's, or one left by a killed batch: the OS lock tells which
        }
        Object before;
        FileChannel channel;
        try {
            before = fileKey(file);
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw busy(folder, owner(channel));
            }
            // the name must still lead to the file just locked (stat only: closing a descriptor would unlock)
            Object after;
            try {
                after = fileKey(file);
            } catch (NoSuchFileException e) {
                after = null;
            }
            if (before == null || !before.equals(after)) {
                lock.release();
                channel.close();
                return null;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return new FolderLock(real, channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            // removed while still locked: a batch that opened it meanwhile sees it gone and starts afresh
            Files.deleteIfExists(folder.resolve(FILE_NAME));
            lock.release();
            channel.close();
        } finally {
            HELD.remove(folder);
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
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
