package org.ganimationstudio.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.model.ComputeDevice;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.service.BatchRun;
import org.ganimationstudio.service.ExpressionBatchJob;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.ExpressionSpec;
import org.ganimationstudio.service.FaceAuReader;
import org.ganimationstudio.service.ShippedModels;
import picocli.CommandLine;

/**
 * Real photos for the tests, all from the repository: the public-domain sample portrait at a few small
 * sizes (small, so that the tests stay quick), a photo without a face, and a file that is not a photo.
 * Also the single-machine batch, wired as {@code ganimation batch} wires it, to compare against.
 */
final class TestPhotos {

    static final Path ROOT = Path.of(System.getProperty("ganimation.repo", "..")).toAbsolutePath().normalize();
    static final Path SAMPLE = ROOT.resolve("assets/samples/astronaut.png");
    static final Path NO_FACE = ROOT.resolve("face-detect/src/test/resources/photos/coffee.png");

    private TestPhotos() {
    }

    /** The sample at {@code sizes} pixels wide, as PNG (and every third as JPEG), mirrored every other one. */
    static void portraits(Path folder, int... sizes) throws IOException {
        Files.createDirectories(folder);
        BufferedImage sample = ImageIO.read(SAMPLE.toFile());
        for (int i = 0; i < sizes.length; i++) {
            int w = sizes[i];
            BufferedImage small = new BufferedImage(w, w, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            if (i % 2 == 1) {
                g.drawImage(sample, w, 0, -w, w, null);
            } else {
                g.drawImage(sample, 0, 0, w, w, null);
            }
            g.dispose();
            String format = i % 3 == 2 ? "jpg" : "png";
            ImageIO.write(small, format, folder.resolve(String.format("portrait-%02d.%s", i, format)).toFile());
        }
    }

    /** The single-machine batch (studio-services' BatchRun and ExpressionBatchJob) with the shipped models. */
    static BatchRun.Summary singleMachineBatch(Path in, Path out, String preset, double intensity) throws Exception {
        try (FaceFinder detector = ShippedModels.faceFinder();
             ExpressionModel model = ExpressionModel.open(ShippedModels.generator(null), ComputeDevice.CPU);
             FaceAuReader reader = new FaceAuReader(() -> org.ganimationstudio.model.AuEstimator.open(
                     ShippedModels.estimator(null), ComputeDevice.CPU))) {
            ExpressionEditor editor = new ExpressionEditor(model, reader, true);
            var job = ExpressionBatchJob.stills(editor, detector, "all",
                    ExpressionSpec.resolve(preset, intensity, null, null), null);
            return new BatchRun(in, out, false).run(job, new BatchRun.Listener() { }, () -> false);
        }
    }

    /**
     * The single-machine batch of animations, as {@code ganimation batch --animate gif --preset P --duration D
     * --fps F --size S} wires it: from each face's own expression to the preset, eased in and out.
     */
    static BatchRun.Summary singleMachineGifs(Path in, Path out, String preset, double seconds, double fps, int size)
            throws Exception {
        try (FaceFinder detector = ShippedModels.faceFinder();
             ExpressionModel model = ExpressionModel.open(ShippedModels.generator(null), ComputeDevice.CPU);
             FaceAuReader reader = new FaceAuReader(() -> org.ganimationstudio.model.AuEstimator.open(
                     ShippedModels.estimator(null), ComputeDevice.CPU))) {
            ExpressionEditor editor = new ExpressionEditor(model, reader, true);
            var target = ExpressionSpec.resolve(preset, 1, null, null);
            var job = ExpressionBatchJob.animations(editor, detector, "all", new ExpressionBatchJob.Animation(
                    org.ganimationstudio.service.AnimationFormat.GIF,
                    current -> org.ganimationstudio.service.Timeline.between(current.get(),
                            target.target(current.get()), seconds,
                            org.ganimationstudio.service.Easing.parse("ease-in-out")),
                    new org.ganimationstudio.service.AnimationSettings(fps, false, size, false)));
            return new BatchRun(in, out, false).run(job, new BatchRun.Listener() { }, () -> false);
        }
    }

    /** Runs the Spark job's command line on {@code spark}; returns its exit status and what it printed. */
    static Result job(SparkSession spark, String... args) throws Exception {
        SparkBatchCommand command = new SparkBatchCommand();
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.parseArgs(args);
        int status = command.run(spark, cli.getOut());
        return new Result(status, out.toString(), err.toString());
    }

    record Result(int status, String out, String err) {
    }

    /** Every file under {@code folder} by relative path, with its SHA-256. */
    static Map<String, String> digests(Path folder) throws Exception {
        Map<String, String> d = new TreeMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                d.put(folder.relativize(p).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return d;
    }

    /** The photos' own files under {@code folder} (leaving out the job's _manifest, _lock and _staging). */
    static Map<String, String> outputs(Path folder) throws Exception {
        Map<String, String> d = digests(folder);
        d.keySet().removeIf(k -> k.startsWith("_"));
        return d;
    }

    /** Asserts the two images have the same size and the same pixels. */
    static void assertSamePixels(Path a, Path b) throws IOException {
        BufferedImage x = ImageIO.read(a.toFile());
        BufferedImage y = ImageIO.read(b.toFile());
        assertThat(x.getWidth()).as(a.toString()).isEqualTo(y.getWidth());
        assertThat(x.getHeight()).as(a.toString()).isEqualTo(y.getHeight());
        int[] px = x.getRGB(0, 0, x.getWidth(), x.getHeight(), null, 0, x.getWidth());
        int[] py = y.getRGB(0, 0, y.getWidth(), y.getHeight(), null, 0, y.getWidth());
        assertThat(px).as("pixels of " + a.getFileName()).isEqualTo(py);
    }

    static SparkSession localSpark() {
        return SparkSession.builder().master("local[2]").appName("spark-batch tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}
