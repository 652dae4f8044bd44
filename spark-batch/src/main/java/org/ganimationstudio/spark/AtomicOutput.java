package org.ganimationstudio.spark;

import java.io.IOException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Moves a finished local file to its output on any Hadoop file system so that the output either does
 * not exist or is complete: the file is first copied to a staging name unique to the task attempt, then
 * renamed to the output's name. The output's name depends only on the photo, so a speculative or retried
 * attempt of the same task renames to the same name: the first rename wins, later attempts find the
 * output there and drop their copy (their bytes are the same). No attempt ever leaves a second file
 * beside the output.
 */
final class AtomicOutput {

    private AtomicOutput() {
    }

    /** The file system of {@code path} without client-side checksum files (no {@code .name.crc} beside outputs). */
    static FileSystem fileSystem(Path path, org.apache.hadoop.conf.Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof ChecksumFileSystem checked ? checked.getRawFileSystem() : fs;
    }

    /**
     * Puts {@code local} at {@code output} through {@code staged}.
     *
     * @return true when this call placed the output; false when another attempt already had
     */
    static boolean place(java.nio.file.Path local, FileSystem fs, Path staged, Path output) throws IOException {
        try {
            fs.mkdirs(staged.getParent());
            fs.copyFromLocalFile(false, true, new Path(local.toUri()), staged);
            fs.mkdirs(output.getParent());
            if (fs.exists(output)) {
                return false;
            }
            if (fs.rename(staged, output)) {
                return true;
            }
            if (fs.exists(output)) {
                return false; // another attempt renamed first
            }
            throw new IOException("cannot move the finished output into place at " + output);
        } finally {
            fs.delete(staged, false);
        }
    }
}
