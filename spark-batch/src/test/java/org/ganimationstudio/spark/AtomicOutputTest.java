package org.ganimationstudio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two attempts of one task (a retry, a speculative copy) placing the same output on a real file system. */
class AtomicOutputTest {

    @TempDir
    Path tmp;

    @Test
    void theFirstAttemptPlacesTheOutputALaterOneLeavesNoSecondFileAndNothingStagedRemains() throws Exception {
        org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(tmp.resolve("out/sub/photo.png").toUri());
        org.apache.hadoop.fs.Path staging = new org.apache.hadoop.fs.Path(tmp.resolve("out/_staging/run").toUri());
        FileSystem fs = AtomicOutput.fileSystem(out, new Configuration());
        Path first = Files.write(tmp.resolve("first.png"), new byte[] {1, 2, 3});
        Path second = Files.write(tmp.resolve("second.png"), new byte[] {1, 2, 3});

        boolean a = AtomicOutput.place(first, fs, new org.apache.hadoop.fs.Path(staging, "0-3-17/photo.png"), out);
        boolean b = AtomicOutput.place(second, fs, new org.apache.hadoop.fs.Path(staging, "0-3-42/photo.png"), out);

        assertThat(a).isTrue();
        assertThat(b).isFalse();
        assertThat(Files.readAllBytes(tmp.resolve("out/sub/photo.png"))).containsExactly(1, 2, 3);
        try (var s = Files.walk(tmp.resolve("out"))) {
            // one output, and no checksum file beside it
            assertThat(s.filter(Files::isRegularFile).map(p -> tmp.resolve("out").relativize(p).toString()))
                    .containsExactly("sub/photo.png");
        }
        assertThat(first).exists();
    }
}
