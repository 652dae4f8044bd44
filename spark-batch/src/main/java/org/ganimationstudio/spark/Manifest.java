package org.ganimationstudio.spark;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The job's record of every photo it handled: a Parquet table in {@code OUTPUT/_manifest}, one row per
 * photo per run that tried it, laid out as {@code run=RUN/wave=N/part-*.parquet} (Spark reads {@code run}
 * and {@code wave} back as columns). Each wave of photos is written by Spark's own commit protocol to a
 * folder of its own, so a retried or speculative task never adds a row twice, waves can run side by side,
 * and a stopped run keeps the waves it finished. A photo with a {@code done} or {@code found} row is not
 * rendered again.
 */
final class Manifest {

    /** Folder name inside the output folder; Spark and Hadoop readers skip names starting with '_'. */
    static final String FOLDER = "_manifest";

    /** Rendered by this row's run. */
    static final String DONE = "done";
    /** Its output was already there (left by a run that stopped before recording it): not rendered again. */
    static final String FOUND = "found";
    /** Could not be rendered; {@code error} says why. A rerun tries it again. */
    static final String FAILED = "failed";

    static final StructType SCHEMA = new StructType()
            .add("photo", DataTypes.StringType, false)
            .add("faces", DataTypes.IntegerType, true)
            .add("output", DataTypes.StringType, true)
            .add("status", DataTypes.StringType, false)
            .add("error", DataTypes.StringType, true)
            .add("read_ms", DataTypes.LongType, false)
            .add("render_ms", DataTypes.LongType, false)
            .add("write_ms", DataTypes.LongType, false)
            .add("load_ms", DataTypes.LongType, false)
            .add("finished", DataTypes.TimestampType, false);

    /** As read back: the folders' names give each row its run and wave. */
    private static final StructType SCHEMA_WITH_PARTITIONS = SCHEMA
            .add("run", DataTypes.StringType, false)
            .add("wave", DataTypes.IntegerType, false);

    private final SparkSession spark;
    private final Path folder;

    Manifest(SparkSession spark, Path outputFolder) {
        this.spark = spark;
        this.folder = new Path(outputFolder, FOLDER);
    }

    Path folder() {
        return folder;
    }

    /** The photos that an earlier run finished, as their full paths. */
    Set<String> finishedPhotos() throws IOException {
        if (!exists()) {
            return Set.of();
        }
        List<Row> rows = read().filter("status = '" + DONE + "' OR status = '" + FOUND + "'")
                .select("photo").distinct().collectAsList();
        Set<String> done = new HashSet<>(rows.size() * 2);
        rows.forEach(r -> done.add(r.getString(0)));
        return done;
    }

    /** Whether any wave was ever recorded (a run stopped in its first wave records none). */
    boolean exists() throws IOException {
        FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(folder)) {
            return false;
        }
        var files = fs.listFiles(folder, true);
        while (files.hasNext()) {
            if (files.next().getPath().getName().endsWith(".parquet")) {
                return true;
            }
        }
        return false;
    }

    /** Every row of every run, with the {@code run} and {@code wave} columns. */
    Dataset<Row> read() throws IOException {
        // the wave folders by name: Spark leaves out a path named _manifest, as it does every name starting with '_'
        FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
        List<String> waves = new java.util.ArrayList<>();
        for (var run : fs.listStatus(folder, p -> p.getName().startsWith("run="))) {
            for (var wave : fs.listStatus(run.getPath(), p -> p.getName().startsWith("wave="))) {
                waves.add(wave.getPath().toString());
            }
        }
        return spark.read().option("basePath", folder.toString()).schema(SCHEMA_WITH_PARTITIONS)
                .parquet(waves.toArray(String[]::new));
    }

    /** The rows of one run. */
    Dataset<Row> read(String run) throws IOException {
        return read().filter(org.apache.spark.sql.functions.col("run").equalTo(run));
    }

    /** Writes one wave's rows (computed while they are written: this is what runs the wave). */
    void write(Dataset<Row> rows, String run, int wave) {
        rows.write().mode(SaveMode.ErrorIfExists).parquet(new Path(new Path(folder, "run=" + run), "wave=" + wave)
                .toString());
    }
}
