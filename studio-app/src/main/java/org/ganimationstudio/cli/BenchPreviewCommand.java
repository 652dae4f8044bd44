package org.ganimationstudio.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.model.ModelDirectory;
import org.ganimationstudio.service.EditedPhoto;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.PhotoFaces;
import org.ganimationstudio.service.PreviewRenderer;
import org.ganimationstudio.service.RenderQuality;
import org.ganimationstudio.service.ShippedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Slider-to-pixels latency through the studio's own render loop ({@link PreviewRenderer} → editor → paste-back):
 * drags as a stream of moves at a mouse's event rate, then the release, then single steps (key presses).
 */
@Command(name = "bench-preview", mixinStandardHelpOptions = true,
        description = {"Measure the live preview: time from a slider move to the first finished photo showing it "
                + "(or a newer value) during drags, from the release to the full render, and for single steps. "
                + "Drags run twice: drafts from the full generator, then from the model's preview generator."})
final class BenchPreviewCommand implements Callable<Integer> {

    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "photo")
    @Option(names = "--photo", paramLabel = "PHOTO", description = "A photo with a face (default: the sample portrait).")
    Path photo;

    @Option(names = "--preview-size", defaultValue = "1600",
            description = "Long side of the previewed photo, as the studio's 'Balanced' quality (default: ${DEFAULT-VALUE}).")
    @Range(min = 16, max = 8192, unit = "pixels")
    int previewSize;

    @Option(names = "--drags", defaultValue = "6", description = "Slider drags per configuration (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1_000)
    int drags;

    @Option(names = "--drag-ms", defaultValue = "1500", description = "Length of one drag (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 60_000, unit = "ms")
    int dragMs;

    @Option(names = "--interval-ms", defaultValue = "16",
            description = "Time between two slider events of a drag (default: ${DEFAULT-VALUE}, a 60 Hz pointer).")
    @Range(min = 1, max = 10_000, unit = "ms")
    int intervalMs;

    @Option(names = "--steps", defaultValue = "40", description = "Single-step moves (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 10_000)
    int steps;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ModelDirectory dir = modelOptions.directory();
        ModelDirectory previewDir = dir.preview().orElse(null);
        Path file = photo != null ? photo : ShippedModels.samplePhoto();
        PhotoFaces faces;
        try (FaceFinder detector = ShippedModels.faceFinder()) {
            faces = PhotoFaces.detect(new PhotoReader().read(file), detector).choose("1").scaledTo(previewSize);
        }
        try (ExpressionModel model = ExpressionModel.open(dir, modelOptions.computeDevice());
             ExpressionModel draft = previewDir == null ? null
                     : ExpressionModel.open(previewDir, modelOptions.computeDevice())) {
            ExpressionEditor full = new ExpressionEditor(model);
            out.printf(Locale.ROOT, "model %s on %s%npreview generator: %s%nphoto %s previewed at %dx%d%n",
                    dir.describe(), model.deviceName(), previewDir == null ? "none" : previewDir.describe(),
                    file.getFileName(), faces.photo().width(), faces.photo().height());
            try (PreviewRenderer loop = new PreviewRenderer(full)) {
                warmUp(loop, faces);
                report(out, "drags, drafts from the full generator", drag(loop, faces));
                Timings single = steps(loop, faces);
                report(out, "single steps (key presses), full generator", single);
            }
            if (draft != null) {
                try (PreviewRenderer loop = new PreviewRenderer(full, new ExpressionEditor(draft))) {
                    warmUp(loop, faces);
                    report(out, "drags, drafts from the preview generator", drag(loop, faces));
                }
            }
        }
        return 0;
    }

    /**
     * @param moves every move, up to the first photo showing it or a newer value
     * @param drafted the moves shown by a render during the drag (the rest were overtaken by the release and shown by the full render)
     */
    private record DragResult(Timings moves, Timings drafted, Timings release, long rendered, long dropped) {
    }

    private void warmUp(PreviewRenderer loop, PhotoFaces faces) throws Exception {
        for (int i = 0; i < 5; i++) {
            renderAndWait(loop, faces, aus(i / 5.0), RenderQuality.DRAFT);
            renderAndWait(loop, faces, aus(i / 5.0), RenderQuality.FINAL);
        }
    }

    /**
     * Drags the smile slider up and down: a DRAFT request every interval, then the release (FINAL). A move's latency
     * ends when the loop delivers a photo rendered for that move or a later one.
     */
    private DragResult drag(PreviewRenderer loop, PhotoFaces faces) throws Exception {
        List<Double> moveLatency = new ArrayList<>();
        List<Double> draftedLatency = new ArrayList<>();
        List<Double> releaseLatency = new ArrayList<>();
        long rendered0 = loop.renderedCount();
        long dropped0 = loop.droppedCount();
        int moves = Math.max(2, dragMs / intervalMs);
        for (int d = 0; d < drags; d++) {
            ConcurrentSkipListMap<Long, Long> waiting = new ConcurrentSkipListMap<>();
            long start = System.nanoTime();
            for (int m = 0; m < moves; m++) {
                long due = start + TimeUnit.MILLISECONDS.toNanos((long) m * intervalMs);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                double t = (double) m / (moves - 1);
                AuVector v = aus(d % 2 == 0 ? t : 1 - t);
                long asked = System.nanoTime();
                long[] id = new long[1];
                synchronized (waiting) {
                    id[0] = loop.request(faces, v, RenderQuality.DRAFT,
                            r -> settle(waiting, id[0], List.of(moveLatency, draftedLatency)), e -> { });
                    waiting.put(id[0], asked);
                }
            }
            long released = System.nanoTime();
            double endValue = d % 2 == 0 ? 1 : 0;
            renderAndWait(loop, faces, aus(endValue), RenderQuality.FINAL);
            releaseLatency.add(Timings.msSince(released));
            synchronized (waiting) {
                // moves overtaken by the release are shown by the final render
                for (long asked : waiting.values()) {
                    moveLatency.add((released - asked) / 1e6 + releaseLatency.get(releaseLatency.size() - 1));
                }
                waiting.clear();
            }
        }
        return new DragResult(Timings.of(moveLatency), Timings.of(draftedLatency), Timings.of(releaseLatency),
                loop.renderedCount() - rendered0, loop.droppedCount() - dropped0);
    }

    /** Every move up to {@code id} is now on screen. */
    private static void settle(ConcurrentSkipListMap<Long, Long> waiting, long id, List<List<Double>> latencies) {
        long now = System.nanoTime();
        synchronized (waiting) {
            Map<Long, Long> done = waiting.headMap(id, true);
            for (long asked : done.values()) {
                latencies.forEach(l -> l.add((now - asked) / 1e6));
            }
            done.clear();
        }
    }

    /** One move at a time, each waited for: what a key press or a click on the track costs. */
    private Timings steps(PreviewRenderer loop, PhotoFaces faces) throws Exception {
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t = System.nanoTime();
            renderAndWait(loop, faces, aus((i % 10) / 10.0), RenderQuality.FINAL);
            ms[i] = Timings.msSince(t);
        }
        return Timings.of(ms);
    }

    private static void renderAndWait(PreviewRenderer loop, PhotoFaces faces, AuVector aus, RenderQuality quality)
            throws Exception {
        CompletableFuture<EditedPhoto> done = new CompletableFuture<>();
        loop.request(faces, aus, quality, done::complete, done::completeExceptionally);
        done.get(5, TimeUnit.MINUTES);
    }

    /** The smile slider at {@code t}, with the cheek raiser following it. */
    private static AuVector aus(double t) {
        return AuVector.zero().with("AU12", (float) t).with("AU06", (float) (0.8 * t));
    }

    private static void report(PrintWriter out, String what, DragResult r) {
        out.printf(Locale.ROOT, "%-45s move → pixels %6.1f ms median, %6.1f p95, %6.1f max (%d moves, %d renders, "
                        + "%d dropped); release → full render %6.1f ms median, %6.1f max%n", what, r.moves().median(),
                r.moves().p95(), r.moves().max(), r.moves().count(), r.rendered(), r.dropped(), r.release().median(),
                r.release().max());
        out.printf(Locale.ROOT, "%-45s   of which shown during the drag: %6.1f ms median, %6.1f p95, %6.1f max (%d moves; "
                + "the other %d were overtaken by the release)%n", "", r.drafted().median(), r.drafted().p95(),
                r.drafted().max(), r.drafted().count(), r.moves().count() - r.drafted().count());
        out.flush();
    }

    private static void report(PrintWriter out, String what, Timings t) {
        out.printf(Locale.ROOT, "%-45s move → pixels %6.1f ms median, %6.1f p95, %6.1f max (%d steps)%n", what,
                t.median(), t.p95(), t.max(), t.count());
        out.flush();
    }
}
