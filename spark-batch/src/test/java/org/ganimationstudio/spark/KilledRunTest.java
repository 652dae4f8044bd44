package org.ganimationstudio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's driver killed (SIGKILL) part-way through, then run again: the outputs it finished are whole
 * and kept, the rest are rendered, and in the end every output is the single-machine batch's.
 */
class KilledRunTest {

    @TempDir
    Path tmp;

    @Test
    void aRunKilledPartWayResumesAndEndsWithEveryOutputWholeAndOnce() throws Exception {
        Path in = tmp.resolve("photos");
        TestPhotos.portraits(in, 160, 168, 176, 184, 192, 200, 208, 216, 224, 232, 240, 248);
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("killed-run.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dspark.master=local[2]", "-Dspark.ui.enabled=false", "-Dai.djl.offline=true",
                SparkBatchCommand.class.getName(), "-i", in.toString(), "-o", out.toString(),
                "--preset", "surprise", "--wave", "4", "--tasks", "4")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (finishedOutputs(out) == 0 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        p.destroyForcibly().waitFor();
        Map<String, String> leftByKilledRun = TestPhotos.outputs(existing(out));
        assertThat(leftByKilledRun).as(Files.readString(log)).isNotEmpty().hasSizeLessThan(12);
        assertThat(out.resolve("_lock")).as("the killed driver's lock").exists();

        SparkSession spark = TestPhotos.localSpark();
        // in waves of five photos, two at a time
        TestPhotos.Result resumed = TestPhotos.job(spark, "-i", in.toString(), "-o", out.toString(),
                "--preset", "surprise", "--wave", "5");

        assertThat(resumed.status()).as(resumed.out() + resumed.err()).isZero();
        Path reference = tmp.resolve("batch");
        TestPhotos.singleMachineBatch(in, reference, "surprise", 1);
        Map<String, String> outputs = TestPhotos.outputs(out);
        assertThat(outputs).hasSize(12).isEqualTo(TestPhotos.outputs(reference));
        // what the killed run had finished is kept as it was, not rendered again
        assertThat(outputs).containsAllEntriesOf(leftByKilledRun);
        try (var s = Files.list(out)) {
            assertThat(s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("_")))
                    .as("no lock, no staging files").containsExactly("_manifest");
        }
        List<Row> rows = new Manifest(spark, new org.apache.hadoop.fs.Path(out.toUri())).read()
                .filter("status <> 'failed'").collectAsList();
        assertThat(rows).extracting(r -> r.<String>getAs("photo")).hasSize(12).doesNotHaveDuplicates();
        long found = rows.stream().filter(r -> r.getAs("status").equals("found")).count();
        long recordedBeforeKill = rows.stream().filter(r -> !r.getAs("run").equals(resumed.out().split(" ")[1]
                .replace(":", ""))).count();
        assertThat(found + recordedBeforeKill).isEqualTo(leftByKilledRun.size());
    }

    /** Outputs in place while the job runs (its staging files come and go: they are not looked at). */
    private static long finishedOutputs(Path out) {
        try (var s = Files.list(out)) {
            return s.filter(f -> !f.getFileName().toString().startsWith("_")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static Path existing(Path dir) throws Exception {
        return Files.createDirectories(dir);
    }
}
