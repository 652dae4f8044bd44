package org.ganimationstudio.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One batch at a time in an output folder. The lock is the operating system's lock on a hidden file
 * ({@link FileChannel#tryLock}), which the system releases when its process dies, SIGKILL included, so
 * a killed batch never leaves a lock behind that needs clearing by hand. The file holds the owner's
 * process id, for the message a second batch gets, and is removed when the batch ends.
 */
public final class FolderLock implements AutoCloseable {

    static final String FILE_NAME = ".ganimation-batch.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder's lock.
     *
     * @throws IllegalStateException when another batch (in this or another process) holds it
     */
    public static FolderLock acquire(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        String token = ProcessHandle.current().pid() + " " + System.nanoTime() + "\n";
        for (int attempt = 0; attempt < 20; attempt++) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String owner = owner(channel);
                channel.close();
                throw new IllegalStateException("another batch" + (owner.isEmpty() ? "" : " (process " + owner + ")")
                        + " is writing to " + folder + "; wait for it to finish, or choose another output folder");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
            // The lock counts only if the name still leads to the file locked: a batch that was just
            // ending may have removed it after this one opened it.
            if (token.equals(readQuietly(file))) {
                return new FolderLock(file, channel, lock);
            }
            lock.release();
            channel.close();
        }
        throw new IllegalStateException("could not lock " + folder + " for the batch; try again");
    }

    @Override
    public void close() throws IOException {
        try {
            // removed while still locked, so no other batch can take a lock on the old file and think it holds it
            Files.deleteIfExists(file);
        } finally {
            lock.release();
            channel.close();
        }
    }

    private static String owner(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(64);
            channel.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
            int space = text.indexOf(' ');
            return space < 0 ? text : text.substring(0, space);
        } catch (IOException e) {
            return "";
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
