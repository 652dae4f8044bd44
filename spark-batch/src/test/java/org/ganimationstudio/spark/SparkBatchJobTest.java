package org.ganimationstudio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganimationstudio.service.BatchRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job in Spark's local mode ({@code local[2]}) on real photos through the shipped model: the same
 * outputs as the single-machine batch, a manifest row per photo, failures in their own rows, reruns.
 */
class SparkBatchJobTest {

    static SparkSession spark;

    @TempDir
    static Path tmp;

    static Path in;
    static Path sparkOut;
    static Path batchOut;
    static Map<String, String> inputBefore;
    static TestPhotos.Result first;

    @BeforeAll
    static void renderOnceBothWays() throws Exception {
        in = tmp.resolve("photos");
        TestPhotos.portraits(in, 192, 224, 256, 208);
        Files.copy(TestPhotos.NO_FACE, in.resolve("coffee.png"));
        Files.writeString(in.resolve("broken.jpg"), "not a jpeg");
        Files.writeString(in.resolve("notes.txt"), "not a photo at all");
        inputBefore = TestPhotos.digests(in);
        spark = TestPhotos.localSpark();
        sparkOut = tmp.resolve("spark-out");
        first = TestPhotos.job(spark, "-i", in.toString(), "-o", sparkOut.toString(), "--preset", "happiness",
                "--intensity", "0.8");
        batchOut = tmp.resolve("batch-out");
        TestPhotos.singleMachineBatch(in, batchOut, "happiness", 0.8);
    }

    @Test
    void outputsAreTheSingleMachineBatchsPixelForPixel() throws Exception {
        Map<String, String> spark = TestPhotos.outputs(sparkOut);
        Map<String, String> batch = TestPhotos.outputs(batchOut);
        assertThat(spark.keySet()).containsExactly("portrait-00.png", "portrait-01.png", "portrait-02.jpg",
                "portrait-03.png");
        assertThat(spark.keySet()).isEqualTo(batch.keySet());
        for (String name : spark.keySet()) {
            TestPhotos.assertSamePixels(sparkOut.resolve(name), batchOut.resolve(name));
        }
        // the same encoder on the same pixels: the very same files
        assertThat(spark).isEqualTo(batch);
    }

    @Test
    void theManifestHasARowPerPhotoWithItsFacesOutputStatusErrorAndTimings() throws Exception {
        List<Row> rows = new Manifest(spark, new org.apache.hadoop.fs.Path(sparkOut.toUri())).read()
                .orderBy("photo").collectAsList();
        assertThat(rows).hasSize(6);
        assertThat(rows).extracting(r -> Path.of(java.net.URI.create(r.<String>getAs("photo"))).getFileName().toString())
                .containsExactly("broken.jpg", "coffee.png", "portrait-00.png", "portrait-01.png", "portrait-02.jpg",
                        "portrait-03.png");
        Row broken = rows.get(0);
        assertThat(broken.<String>getAs("status")).isEqualTo("failed");
        assertThat(broken.<String>getAs("error")).startsWith("broken.jpg is not a picture");
        assertThat(broken.<Object>getAs("faces")).isNull();
        Row coffee = rows.get(1);
        assertThat(coffee.<String>getAs("status")).isEqualTo("failed");
        assertThat(coffee.<String>getAs("error")).isEqualTo("no face found in coffee.png");
        long loads = rows.stream().filter(r -> r.<Long>getAs("load_ms") > 0).count();
        for (Row r : rows.subList(2, 6)) {
            assertThat(r.<String>getAs("status")).isEqualTo("done");
            assertThat(r.<Object>getAs("error")).isNull();
            assertThat(r.<Integer>getAs("faces")).isEqualTo(1);
            Path output = Path.of(java.net.URI.create(r.getAs("output")));
            assertThat(output.getParent()).isEqualTo(sparkOut.toRealPath());
            assertThat(output).isRegularFile();
            assertThat(r.<Long>getAs("render_ms")).isPositive();
            assertThat(r.<Long>getAs("read_ms")).isNotNegative();
            assertThat(r.<Long>getAs("write_ms")).isNotNegative();
        }
        // models load once per task slot that needed them (two here), never once per photo
        assertThat(loads).isBetween(1L, 2L);
        assertThat(rows).extracting(r -> r.<String>getAs("run")).containsOnly(runOf(first));
        assertThat(first.status()).as(first.out()).isEqualTo(1);
        assertThat(first.out()).contains("6 photo(s), 0 already done, done 4, found done 0, failed 2")
                .contains("failed: " + in.toUri().toString().replace("file:///", "file:/") + "broken.jpg: broken.jpg is not a picture");
    }

    @Test
    void theInputFolderIsNeverWrittenToAndNothingButOutputsAndTheManifestIsLeft() throws Exception {
        assertThat(TestPhotos.digests(in)).isEqualTo(inputBefore);
        try (var s = Files.list(sparkOut)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("_manifest",
                    "portrait-00.png", "portrait-01.png", "portrait-02.jpg", "portrait-03.png");
        }
    }

    @Test
    void aRerunSkipsThePhotosTheManifestRecordsAsDoneAndTriesTheFailedOnesAgain() throws Exception {
        Path out = tmp.resolve("rerun-out");
        Path few = tmp.resolve("few");
        TestPhotos.portraits(few, 200);
        Files.writeString(few.resolve("broken.png"), "not a png");
        TestPhotos.Result a = TestPhotos.job(spark, "-i", few.toString(), "-o", out.toString(), "--preset", "sadness");
        Map<String, String> after = TestPhotos.outputs(out);
        TestPhotos.Result b = TestPhotos.job(spark, "-i", few.toString(), "-o", out.toString(), "--preset", "sadness");

        assertThat(a.out()).contains("2 photo(s), 0 already done, done 1, found done 0, failed 1");
        assertThat(b.out()).contains("2 photo(s), 1 already done, done 0, found done 0, failed 1");
        assertThat(TestPhotos.outputs(out)).isEqualTo(after);
        List<Row> rows = new Manifest(spark, new org.apache.hadoop.fs.Path(out.toUri())).read()
                .orderBy("finished").collectAsList();
        // the done photo once; the failed one once per run that tried it
        assertThat(rows).extracting(r -> Path.of(java.net.URI.create(r.<String>getAs("photo"))).getFileName() + " "
                + r.getAs("status")).containsExactlyInAnyOrder("portrait-00.png done", "broken.png failed",
                "broken.png failed");
        assertThat(rows).extracting(r -> r.getAs("photo") + " " + r.getAs("run")).doesNotHaveDuplicates();
        assertThat(rows).extracting(r -> r.<String>getAs("run")).containsOnly(runOf(a), runOf(b));
    }

    @Test
    void animationsAreTheSingleMachineBatchsToo() throws Exception {
        Path one = tmp.resolve("one");
        TestPhotos.portraits(one, 176);
        Path out = tmp.resolve("gif-out");
        TestPhotos.Result r = TestPhotos.job(spark, "-i", one.toString(), "-o", out.toString(), "--animate", "GIF",
                "--preset", "surprise", "--duration", "0.3", "--fps", "10", "--size", "96");
        Path reference = tmp.resolve("gif-batch");
        TestPhotos.singleMachineGifs(one, reference, "surprise", 0.3, 10, 96);

        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(TestPhotos.outputs(out)).containsOnlyKeys("portrait-00.gif").isEqualTo(TestPhotos.outputs(reference));
    }

    @Test
    void aListOfPhotosOnAnyFolderWithAFaceChoiceAndAFormat() throws Exception {
        Path list = Files.writeString(tmp.resolve("chosen.txt"), "# two photos of the folder\n"
                + in.resolve("portrait-01.png") + "\n" + in.resolve("coffee.png").toUri() + "\n");
        Path out = tmp.resolve("list-out");
        TestPhotos.Result r = TestPhotos.job(spark, "--list", list.toString(), "-o", out.toString(), "--preset",
                "happiness", "--intensity", "0.8", "--face", "1", "--format", "jpg");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("2 photo(s), 0 already done, done 1, found done 0, failed 1")
                .contains("coffee.png: no face found in coffee.png");
        assertThat(TestPhotos.outputs(out)).containsOnlyKeys("portrait-01.jpg");
        // the same edit as the folder's PNG, written as JPEG
        java.awt.image.BufferedImage jpg = javax.imageio.ImageIO.read(out.resolve("portrait-01.jpg").toFile());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(sparkOut.resolve("portrait-01.png").toFile());
        assertThat(jpg.getWidth()).isEqualTo(png.getWidth());
        assertThat(jpg.getHeight()).isEqualTo(png.getHeight());
    }

    private static String runOf(TestPhotos.Result r) {
        return r.out().split(" ")[1].replace(":", "");
    }

    @Test
    void badArgumentsAreRefusedInPlainWordsBeforeAnyWork() throws Exception {
        Path out = tmp.resolve("never");
        TestPhotos.Result noExpression = TestPhotos.job(spark, "-i", in.toString(), "-o", out.toString());
        assertThat(noExpression.status()).isEqualTo(2);
        assertThat(noExpression.err()).contains("give an expression (--preset, --aus or --aus-file)");

        TestPhotos.Result inside = TestPhotos.job(spark, "-i", in.toString(), "-o", in.resolve("out").toString(),
                "--preset", "happiness");
        assertThat(inside.status()).isEqualTo(2);
        assertThat(inside.err()).contains("is inside the input folder").contains("never writes into its input");

        TestPhotos.Result missing = TestPhotos.job(spark, "-i", tmp.resolve("nowhere").toString(), "-o", out.toString(),
                "--preset", "happiness");
        assertThat(missing.err()).contains("does not exist or is not a folder");
        Path expression = Files.writeString(tmp.resolve("smile.json"), "[0.8]");
        TestPhotos.Result badFile = TestPhotos.job(spark, "-i", in.toString(), "-o", out.toString(), "--aus-file",
                expression.toString());
        assertThat(badFile.status()).isEqualTo(2);
        assertThat(badFile.err()).contains("smile.json: an expression must be a JSON object");
        Path keyframes = Files.writeString(tmp.resolve("moves.json"), "{\"keyframes\": []}");
        TestPhotos.Result badKeys = TestPhotos.job(spark, "-i", in.toString(), "-o", out.toString(), "--animate",
                "gif", "--keyframes", keyframes.toString());
        assertThat(badKeys.status()).isEqualTo(2);
        assertThat(badKeys.err()).contains("moves.json");

        TestPhotos.Result badModel = TestPhotos.job(spark, "-i", in.toString(), "-o", out.toString(), "--preset",
                "happiness", "--model", Files.createDirectories(tmp.resolve("empty-model")).toString());
        assertThat(badModel.status()).isEqualTo(2);
        assertThat(badModel.err()).startsWith("ganimation-spark: the model cannot be used: ");
        assertThat(out).doesNotExist();
        assertThat(TestPhotos.digests(in)).isEqualTo(inputBefore);
        assertThat(BatchRun.PHOTO_EXTENSIONS).contains("png");
    }
}
