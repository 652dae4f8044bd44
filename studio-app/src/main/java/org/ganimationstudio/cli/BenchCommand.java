package org.ganimationstudio.cli;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.model.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the generator runtime: engine start, model load, ms per frame at batch 1, "
                + "frames/s at batch 8, and native memory across many renders."})
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Option(names = "--frames", defaultValue = "100", description = "Timed batch-1 renders (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 100_000)
    int frames;

    @Option(names = "--batches", defaultValue = "20", description = "Timed batch-8 calls (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 10_000)
    int batches;

    @Option(names = "--renders", defaultValue = "2000",
            description = "Renders between the two native-memory readings (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1_000_000)
    int renders;

    @Option(names = "--markdown", description = "Also print the figures as a Markdown table row.")
    boolean markdown;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Engine engine = Engine.getEngine("PyTorch");
        double engineMs = ms(t0);
        ModelDirectory dir = modelOptions.directory();
        long t1 = System.nanoTime();
        try (ExpressionModel model = ExpressionModel.open(dir, modelOptions.computeDevice())) {
            double loadMs = ms(t1);
            int size = model.inputSize();
            RgbImage face = pattern(size);
            AuVector[] aus = {AuVector.parse("AU12=0.8,AU06=0.6"), AuVector.parse("AU01=0.7,AU26=0.9"),
                    AuVector.parse("AU04=0.8,AU15=0.6")};
            out.printf(Locale.ROOT, "model %s on %s, PyTorch %s, %d CPU threads%n", dir.describe(), model.deviceName(),
                    engine.getVersion(), Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "engine start           %8.0f ms%n", engineMs);
            out.printf(Locale.ROOT, "model load + probe     %8.0f ms%n", loadMs);
            out.flush();

            for (int i = 0; i < 20; i++) {
                model.render(face, aus[i % 3]);
            }
            double[] single = new double[frames];
            for (int i = 0; i < frames; i++) {
                long t = System.nanoTime();
                model.render(face, aus[i % 3]);
                single[i] = ms(t);
            }
            Timings one = Timings.of(single);
            out.printf(Locale.ROOT, "batch 1                %8.1f ms/frame median, %.1f p95, %.1f mean (%d frames)%n",
                    one.median(), one.p95(), one.mean(), frames);
            out.flush();

            List<RgbImage> faces = Collections.nCopies(8, face);
            List<AuVector> batchAus = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batchAus.add(aus[0].interpolate(aus[1], i / 7.0));
            }
            for (int i = 0; i < 3; i++) {
                model.renderBatch(faces, batchAus);
            }
            double[] batch = new double[batches];
            for (int i = 0; i < batches; i++) {
                long t = System.nanoTime();
                model.renderBatch(faces, batchAus);
                batch[i] = ms(t);
            }
            double batchMs = Timings.of(batch).median();
            double fps = 8 * 1000.0 / batchMs;
            out.printf(Locale.ROOT, "batch 8                %8.1f frames/s (%.1f ms/frame, median of %d calls)%n",
                    fps, batchMs / 8, batches);
            out.flush();

            long rssBefore = procStatusKb("VmRSS");
            long t2 = System.nanoTime();
            for (int i = 0; i < renders; i++) {
                model.render(face, aus[i % 3]);
            }
            double soakS = ms(t2) / 1000;
            System.gc();
            long rssAfter = procStatusKb("VmRSS");
            long peak = procStatusKb("VmHWM");
            out.printf(Locale.ROOT, "native memory (RSS)    %8.1f MB before, %.1f MB after %d renders (%+.1f MB) in %.0f s; "
                    + "peak %.1f MB%n", rssBefore / 1024.0, rssAfter / 1024.0, renders, (rssAfter - rssBefore) / 1024.0,
                    soakS, peak / 1024.0);
            if (markdown) {
                out.printf(Locale.ROOT, "| %s | %s | %.0f ms | %.0f ms | %.1f / %.1f ms | %.1f fps | %.0f → %.0f MB (%+.1f) over %d, "
                        + "peak %.0f MB |%n", dir.path().getFileName(), model.deviceName(), engineMs, loadMs, one.median(),
                        one.p95(), fps, rssBefore / 1024.0, rssAfter / 1024.0, (rssAfter - rssBefore) / 1024.0, renders,
                        peak / 1024.0);
            }
        }
        return 0;
    }

    private static RgbImage pattern(int size) {
        float[] p = new float[3 * size * size];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.5 + 0.4 * Math.sin(i * 0.013));
        }
        return RgbImage.ofPlanes(size, size, p);
    }

    private static double ms(long start) {
        return Timings.msSince(start);
    }

    /** A kB figure of this process's /proc status (VmRSS: resident now, VmHWM: peak); -1 without /proc. */
    static long procStatusKb(String field) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }
}
