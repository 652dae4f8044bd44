package org.ganimationstudio.spark;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The batch on a Spark cluster: plans the photos on the driver, leaves out those the manifest says are
 * done, and renders the rest in waves, each a Spark job whose tasks render their photos and whose rows
 * are added to the manifest. Two waves run at a time, so no task slot waits for a wave's last task.
 */
final class SparkBatchRun {

    /** Where photos come from and where outputs go; exactly one of {@code folder} and {@code list}. */
    record Request(String folder, String list, boolean recursive, String output, RenderSettings settings,
                   int waveSize, int tasksPerWave) {
    }

    /** The run's outcome, read back from the manifest; {@code failures} lists up to 50 (photo, reason). */
    record Summary(String run, int photos, int skipped, long done, long found, long failed,
                   List<String[]> failures, double seconds) {
    }

    static final String STAGING = "_staging";

    private static final StructType PLAN = new StructType()
            .add("photo", DataTypes.StringType, false)
            .add("output", DataTypes.StringType, true)
            .add("problem", DataTypes.StringType, true);

    private final SparkSession spark;

    SparkBatchRun(SparkSession spark) {
        this.spark = spark;
    }

    Summary run(Request request) throws Exception {
        long start = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        RenderSettings settings = request.settings();
        settings.check();
        Path output = new Path(request.output());
        PhotoPlanner planner = new PhotoPlanner(conf);
        List<PhotoPlanner.Planned> plan = request.folder() != null
                ? planner.folder(new Path(request.folder()), request.recursive(), output, settings::outputExtension)
                : planner.list(new Path(request.list()), output, settings::outputExtension);
        // models are checked before anything is written
        RenderSettings shipped = ModelShipping.ship(spark, settings);
        FileSystem outFs = AtomicOutput.fileSystem(output, conf);
        output = outFs.makeQualified(output);
        String run = newRunId();
        Path staging = new Path(output, STAGING);
        try (OutputLock lock = OutputLock.acquire(outFs, output, staging, run)) {
            Manifest manifest = new Manifest(spark, output);
            Set<String> finished = manifest.finishedPhotos();
            List<Row> pending = new ArrayList<>();
            for (PhotoPlanner.Planned p : plan) {
                if (!finished.contains(p.photo())) {
                    pending.add(RowFactory.create(p.photo(), p.output(), p.problem()));
                }
            }
            Path runStaging = new Path(staging, run);
            PhotoTask task = new PhotoTask(shipped, new HadoopSettings(conf), runStaging.toString());
            try {
                renderInWaves(pending, request, task, manifest, run);
            } finally {
                // also when a wave failed: no task of this run is left to move a staged file into place
                outFs.delete(runStaging, true);
                if (outFs.exists(staging) && outFs.listStatus(staging).length == 0) {
                    outFs.delete(staging, false);
                }
            }
            return summary(manifest, run, plan.size(), plan.size() - pending.size(), start);
        }
    }

    private void renderInWaves(List<Row> pending, Request request, PhotoTask task, Manifest manifest, String run)
            throws Exception {
        int waveSize = request.waveSize() > 0 ? request.waveSize() : defaultWaveSize();
        ExecutorService waves = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "wave");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int from = 0, wave = 0; from < pending.size(); from += waveSize, wave++) {
                List<Row> photos = new ArrayList<>(pending.subList(from, Math.min(pending.size(), from + waveSize)));
                int tasks = tasks(photos.size(), request.tasksPerWave());
                int number = wave;
                running.add(waves.submit(() -> {
                    // split on the driver: no shuffle, each task gets its share of the wave's photos
                    var slices = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(photos, tasks);
                    // a wave's rows are gathered into one Parquet file: a million photos make tens of files, not
                    // tens of thousands (rows are small; the photos stay in the tasks that render them)
                    Dataset<Row> rows = spark.createDataFrame(slices, PLAN)
                            .mapPartitions(task, Encoders.row(Manifest.SCHEMA)).repartition(1);
                    spark.sparkContext().setJobDescription("photos " + (number * (long) waveSize + 1) + "-"
                            + (number * (long) waveSize + photos.size()));
                    manifest.write(rows, run, number);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // a wave that Spark gave up on (tasks failing again and again): stop the other one too
                    spark.sparkContext().cancelAllJobs();
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            waves.shutdownNow();
        }
    }

    /** Enough photos per wave that its last task is short beside the whole; the next wave fills idle slots anyway. */
    private int defaultWaveSize() {
        return Math.max(1000, spark.sparkContext().defaultParallelism() * 100);
    }

    /** Four tasks per task slot, so slots finish a wave together; each task borrows an executor's loaded models. */
    private int tasks(int photos, int asked) {
        int tasks = asked > 0 ? asked : spark.sparkContext().defaultParallelism() * 4;
        return Math.max(1, Math.min(photos, tasks));
    }

    private Summary summary(Manifest manifest, String run, int photos, int skipped, long start) throws IOException {
        long done = 0;
        long found = 0;
        long failed = 0;
        List<String[]> failures = new ArrayList<>();
        if (manifest.exists()) {
            Dataset<Row> rows = manifest.read(run).cache();
            for (Row r : rows.groupBy("status").count().collectAsList()) {
                switch (r.getString(0)) {
                    case Manifest.DONE -> done = r.getLong(1);
                    case Manifest.FOUND -> found = r.getLong(1);
                    default -> failed += r.getLong(1);
                }
            }
            for (Row r : rows.filter("status = '" + Manifest.FAILED + "'").orderBy("photo").limit(50)
                    .select("photo", "error").collectAsList()) {
                failures.add(new String[] {r.getString(0), r.getString(1)});
            }
            rows.unpersist();
        }
        return new Summary(run, photos, skipped, done, found, failed, failures, (System.nanoTime() - start) / 1e9);
    }

    /** A run's name: when it started, then a few random digits (two runs may start in one second). */
    static String newRunId() {
        byte[] random = new byte[3];
        new java.security.SecureRandom().nextBytes(random);
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + HexFormat.of().formatHex(random);
    }
}
