package org.ganimationstudio.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Spark application: {@code spark-submit --class org.ganimationstudio.spark.SparkBatchCommand
 * ganimation-spark.jar -i PHOTOS -o OUT --preset happiness}. Takes the options of {@code ganimation batch}
 * with paths on any Hadoop file system. The master comes from spark-submit (or {@code -Dspark.master}),
 * never from here.
 */
@Command(name = "ganimation-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Edit or animate every photo of a folder or a list on a Spark cluster, as `ganimation batch` does.",
                "Paths may be on any Hadoop file system (file:, hdfs://, s3a://). Outputs are written beside a "
                        + "Parquet manifest (OUT/_manifest); a rerun skips the photos it records as done. The input "
                        + "is never written to. Exit status 1 when any photo failed."},
        footer = {"", "Example:",
                "  spark-submit --class org.ganimationstudio.spark.SparkBatchCommand ganimation-spark.jar \\",
                "      -i s3a://bucket/photos -o s3a://bucket/smiles --recursive --preset happiness --intensity 0.8"})
public final class SparkBatchCommand implements Callable<Integer> {

    static final class Input {
        @Option(names = {"-i", "--input"}, required = true, paramLabel = "DIR", description = "The folder of photos.")
        String folder;

        @Option(names = "--list", required = true, paramLabel = "FILE",
                description = "A text file naming one photo a line (outputs all go to the top of the output folder).")
        String list;
    }

    @ArgGroup(multiplicity = "1")
    Input input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The output folder (created).")
    String output;

    @Option(names = {"-r", "--recursive"}, description = "Include sub-folders.")
    boolean recursive;

    @Option(names = "--animate", paramLabel = "gif|mp4", description = "Write an animation per photo instead of a still.")
    String animate;

    @Option(names = "--format", paramLabel = "png|jpg|bmp",
            description = "Format of still outputs (default: the photo's own when png, jpg or bmp, else png).")
    String format;

    @Option(names = "--face", paramLabel = "N|all", defaultValue = "all",
            description = "Which faces of each photo: a number (1 = the largest) or all (default: ${DEFAULT-VALUE}).")
    String face;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "An emotion preset: neutral, happiness, sadness, surprise, fear, anger, disgust, contempt.")
    String preset;

    @Option(names = "--intensity", paramLabel = "0..1", defaultValue = "1",
            description = "How far toward --preset (default: ${DEFAULT-VALUE}).")
    double intensity;

    @Option(names = "--aus", paramLabel = "AU=V,...", description = "AU intensities in [0, 1], e.g. AU12=0.8,AU06=0.5.")
    String aus;

    @Option(names = "--aus-file", paramLabel = "JSON", description = "An expression as JSON (any Hadoop file system).")
    String ausFile;

    @Option(names = "--keyframes", paramLabel = "JSON", description = "A timeline for --animate (any Hadoop file system).")
    String keyframes;

    @Option(names = "--from", paramLabel = "current|neutral", defaultValue = "current",
            description = "Start expression of an animation without --keyframes (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Length of the animation (default: 2 s).")
    Double duration;

    @Option(names = "--easing", paramLabel = "NAME", defaultValue = "ease-in-out",
            description = "linear, ease-in, ease-out, ease-in-out or hold (default: ${DEFAULT-VALUE}).")
    String easing;

    @Option(names = "--fps", defaultValue = "20", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--ping-pong", description = "Play forward, then back: a seamless loop.")
    boolean pingPong;

    @Option(names = "--size", paramLabel = "PIXELS", description = "Longest side of an animation (default: the photo's, up to 1920).")
    Integer size;

    @Option(names = "--face-only", description = "Animate the aligned face crop instead of the whole photo.")
    boolean faceOnly;

    @Option(names = "--model", paramLabel = "DIR", description = "Expression model folder (default: the shipped one).")
    String model;

    @Option(names = "--estimator", paramLabel = "DIR", description = "AU estimator folder (default: the shipped one).")
    String estimator;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda", description = "Where the networks run on each executor.")
    String device;

    @Option(names = "--no-color-guard", description = "Paste the generator's colours as they are.")
    boolean noColorGuard;

    @Option(names = "--wave", paramLabel = "PHOTOS",
            description = "Photos per wave: each wave is recorded in the manifest when it ends (default: 100 per task slot, at least 1000).")
    int wave;

    @Option(names = "--tasks", paramLabel = "N", description = "Tasks per wave (default: 4 per task slot).")
    int tasks;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkBatchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // never .master(...): spark-submit's --master (or -Dspark.master) decides where the job runs
        SparkSession spark = SparkSession.builder().appName("ganimation batch").getOrCreate();
        try {
            return run(spark, out);
        } finally {
            spark.stop();
        }
    }

    /**
     * Runs the job on {@code spark}; returns the exit status: 1 when any photo failed, 2 for bad arguments
     * or models, 3 when the job stopped part-way.
     */
    int run(SparkSession spark, PrintWriter out) throws Exception {
        SparkBatchRun.Summary s;
        try {
            SparkBatchRun.Request request = request(spark);
            s = new SparkBatchRun(spark).run(request);
        } catch (IllegalArgumentException | IllegalStateException | org.ganimationstudio.model.InvalidModelException e) {
            spec.commandLine().getErr().println("ganimation-spark: " + org.ganimationstudio.service.PlainMessage.of(e));
            return 2;
        } catch (Exception e) {
            // Spark gave up on the job (an executor lost again and again, the output unwritable): what
            // was finished stays, and the same command resumes
            spec.commandLine().getErr().println("ganimation-spark: the job stopped: "
                    + org.ganimationstudio.service.PlainMessage.of(e) + "; run the same command again to resume");
            return 3;
        }
        out.printf("run %s: %d photo(s), %d already done, done %d, found done %d, failed %d, in %.1f s%n", s.run(),
                s.photos(), s.skipped(), s.done(), s.found(), s.failed(), s.seconds());
        for (String[] f : s.failures()) {
            out.printf("  failed: %s: %s%n", f[0], f[1]);
        }
        out.flush();
        return s.failed() == 0 ? 0 : 1;
    }

    SparkBatchRun.Request request(SparkSession spark) throws IOException {
        if (!(intensity >= 0 && intensity <= 1)) {
            throw new IllegalArgumentException("--intensity must be within 0 and 1, got " + intensity);
        }
        if (duration != null && !(duration > 0 && duration <= 600)) {
            throw new IllegalArgumentException("--duration must be more than 0 and at most 600 s, got " + duration);
        }
        if (!(fps > 0 && fps <= 120)) {
            throw new IllegalArgumentException("--fps must be more than 0 and at most 120, got " + fps);
        }
        if (size != null && (size < 16 || size > 4096)) {
            throw new IllegalArgumentException("--size must be within 16 and 4096 pixels, got " + size);
        }
        String faces = face.trim();
        if (!faces.equalsIgnoreCase("all")) {
            try {
                int n = Integer.parseInt(faces);
                if (n < 1 || n > 100) {
                    throw new IllegalArgumentException("a face number is within 1 to 100; got '" + face + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("choose a face by number (1 = the largest) or 'all'; got '" + face + "'");
            }
        } else {
            faces = "all";
        }
        String animation = animate == null ? null : animate.toLowerCase(java.util.Locale.ROOT);
        RenderSettings settings = new RenderSettings(faces, format, animation, preset, intensity, aus,
                text(spark, ausFile, "expression file"), name(ausFile), text(spark, keyframes, "keyframes file"),
                name(keyframes), from, duration,
                easing, fps, pingPong, size == null ? 0 : size, faceOnly, model, estimator, device, !noColorGuard);
        return new SparkBatchRun.Request(input.folder, input.list, recursive, output, settings, wave, tasks);
    }

    private static String name(String file) {
        return file == null ? null : new Path(file).getName();
    }

    /** A small file's text, read on the driver from any Hadoop file system; null when not given. */
    private static String text(SparkSession spark, String file, String what) throws IOException {
        if (file == null) {
            return null;
        }
        Path p = new Path(file);
        var fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(p) || !fs.getFileStatus(p).isFile()) {
            throw new IllegalArgumentException("the " + what + " " + file + " does not exist or is not a file");
        }
        if (fs.getFileStatus(p).getLen() > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("the " + what + " " + file + " is over 16 MB: not an expression");
        }
        try (InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
