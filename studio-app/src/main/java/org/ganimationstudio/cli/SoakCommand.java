package org.ganimationstudio.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.ganimationstudio.face.FaceFinder;
import org.ganimationstudio.service.ShippedModels;
import org.ganimationstudio.face.PhotoReader;
import org.ganimationstudio.model.AuVector;
import org.ganimationstudio.model.ExpressionModel;
import org.ganimationstudio.service.AnimationExport;
import org.ganimationstudio.service.AnimationSettings;
import org.ganimationstudio.service.EditedPhoto;
import org.ganimationstudio.service.Easing;
import org.ganimationstudio.service.ExpressionEditor;
import org.ganimationstudio.service.OutputFiles;
import org.ganimationstudio.service.PhotoFaces;
import org.ganimationstudio.service.PreviewRenderer;
import org.ganimationstudio.service.Timeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"A long session in one process: RENDERS live-preview renders (bursts of slider moves through "
                + "the latest-wins render loop), then EXPORTS exports (GIF, MP4, still; every tenth cancelled midway). "
                + "Reports native memory (resident memory outside the Java heap) and live threads before and after, "
                + "and fails (status 1) on leaked threads, leftover partial files, or native growth over --max-growth."})
final class SoakCommand implements Callable<Integer> {

    @PathRole(value = PathRole.Kind.INPUT_FILE, what = "photo")
    @Option(names = "--photo", paramLabel = "PHOTO", description = "A photo with a face (default: the sample portrait).")
    Path photo;

    @Option(names = "--renders", defaultValue = "5000", description = "Preview renders (default: ${DEFAULT-VALUE}).")
    @Range(min = 1, max = 1_000_000)
    int renders;

    @Option(names = "--exports", defaultValue = "200", description = "Exports (default: ${DEFAULT-VALUE}).")
    @Range(min = 0, max = 100_000)
    int exports;

    @Option(names = "--max-growth", paramLabel = "MB", defaultValue = "50",
            description = "Largest acceptable native memory growth (default: ${DEFAULT-VALUE} MB).")
    @Range(min = 0, max = 100_000, unit = "MB")
    double maxGrowthMb;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Path source = photo != null ? photo : org.ganimationstudio.service.ShippedModels.samplePhoto();
        Path work = Files.createTempDirectory("ganimation-soak");
        Random rng = new Random(42);
        try (FaceFinder detector = ShippedModels.faceFinder(); ExpressionModel model = modelOptions.open()) {
            PhotoFaces faces = PhotoFaces.detect(new PhotoReader().read(source), detector).choose("all");
            ExpressionEditor editor = new ExpressionEditor(model);
            AnimationExport export = new AnimationExport(editor);
            // Warm-up: both paths until memory settles (the allocator's arenas and first-use buffers
            // grow over the first ~20 exports, then stay flat), so growth after it means a leak.
            runPreviews(editor, faces, 100, rng);
            runExports(export, editor, faces, work, 20, rng, null);
            long rss0 = settledRssKb();
            int threads0 = liveThreads();
            out.printf(Locale.ROOT, "model %s; baseline native memory (RSS outside the Java heap and the JVM's code and metadata) %.1f MB, %d live threads%n", model.directory().describe(),
                    rss0 / 1024.0, threads0);
            out.flush();

            long t = System.nanoTime();
            long[] counts = runPreviews(editor, faces, renders, rng);
            long rss1 = settledRssKb();
            int threads1 = liveThreads();
            out.printf(Locale.ROOT, "%d preview renders (%d slider moves dropped as stale) in %.0f s: native %.1f MB (%+.1f), "
                    + "%d live threads%n", counts[0], counts[1], (System.nanoTime() - t) / 1e9, rss1 / 1024.0,
                    (rss1 - rss0) / 1024.0, threads1);
            out.flush();

            t = System.nanoTime();
            int[] done = runExports(export, editor, faces, work, exports, rng, k -> {
                try {
                    out.printf(Locale.ROOT, "  after %d exports: native %.1f MB%n", k, settledRssKb() / 1024.0);
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long rss2 = settledRssKb();
            int threads2 = liveThreads();
            long leftovers;
            try (Stream<Path> s = Files.list(work)) {
                leftovers = s.filter(p -> p.getFileName().toString().endsWith(".part")).count();
            }
            out.printf(Locale.ROOT, "%d exports (%d GIF, %d MP4, %d still, %d cancelled) in %.0f s: native %.1f MB (%+.1f "
                    + "since baseline), %d live threads, %d partial files left%n", exports, done[0], done[1], done[2],
                    done[3], (System.nanoTime() - t) / 1e9, rss2 / 1024.0, (rss2 - rss0) / 1024.0, threads2, leftovers);
            double growth = Math.max(rss1, rss2) / 1024.0 - rss0 / 1024.0;
            boolean ok = threads1 <= threads0 && threads2 <= threads0 && leftovers == 0 && growth <= maxGrowthMb;
            out.printf(Locale.ROOT, "%s: native memory growth %.1f MB (limit %.0f), threads %d -> %d -> %d%n", ok ? "PASS" : "FAIL",
                    growth, maxGrowthMb, threads0, threads1, threads2);
            return ok ? 0 : 1;
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Slider drags: bursts of 1-4 moves, waiting for the newest to show, until {@code n} renders. Returns {rendered, dropped}. */
    private static long[] runPreviews(ExpressionEditor editor, PhotoFaces faces, int n, Random rng) throws Exception {
        try (PreviewRenderer preview = new PreviewRenderer(editor)) {
            AuVector aus = AuVector.zero();
            while (preview.renderedCount() < n) {
                int burst = 1 + rng.nextInt(4);
                CompletableFuture<EditedPhoto> shown = new CompletableFuture<>();
                for (int i = 0; i < burst; i++) {
                    int au = rng.nextInt(17);
                    aus = aus.with(org.ganimationstudio.model.ActionUnits.standard().all().get(au).code(), rng.nextFloat());
                    CompletableFuture<EditedPhoto> target = i == burst - 1 ? shown : null;
                    preview.request(faces, aus, r -> {
                        if (target != null) {
                            target.complete(r);
                        }
                    }, e -> {
                        if (target != null) {
                            target.completeExceptionally(e);
                        }
                    });
                }
                shown.get(60, TimeUnit.SECONDS);
            }
            return new long[] {preview.renderedCount(), preview.droppedCount()};
        }
    }

    /** Returns how many of each: {GIF, MP4, still, cancelled}. */
    private static int[] runExports(AnimationExport export, ExpressionEditor editor, PhotoFaces faces, Path work, int n,
                                    Random rng, java.util.function.IntConsumer progress) throws Exception {
        int[] done = new int[4];
        for (int i = 0; i < n; i++) {
            AuVector target = AuVector.zero().with("AU12", rng.nextFloat()).with("AU25", rng.nextFloat());
            Timeline timeline = Timeline.between(AuVector.zero(), target, 0.5, Easing.EASE_IN_OUT);
            AnimationSettings settings = new AnimationSettings(12, false, 128, true);
            Path file;
            if (i % 10 == 9) {
                file = work.resolve("cancelled-" + i + ".gif");
                AtomicInteger checks = new AtomicInteger();
                try {
                    // long enough for several batches: cancelled after the first
                    export.write(faces, timeline.scaledTo(3), settings, file, () -> checks.incrementAndGet() > 1, k -> { });
                    throw new IllegalStateException("a cancelled export ran to the end");
                } catch (CancellationException expected) {
                    done[3]++;
                }
                if (Files.exists(file)) {
                    throw new IllegalStateException("a cancelled export left " + file.getFileName());
                }
            } else if (i % 3 == 0) {
                file = work.resolve("still-" + i + ".png");
                OutputFiles.writeImage(editor.edit(faces, target).photo().image(), file);
                done[2]++;
            } else {
                file = work.resolve("anim-" + i + (i % 3 == 1 ? ".gif" : ".mp4"));
                export.write(faces, timeline, settings, file, () -> false, k -> { });
                done[i % 3 == 1 ? 0 : 1]++;
            }
            Files.deleteIfExists(file);
            if (progress != null && n >= 8 && (i + 1) % (n / 4) == 0) {
                progress.accept(i + 1);
            }
        }
        return done;
    }

    /**
     * Resident memory outside the JVM's own pools, in KB, after a GC: what libtorch, OpenCV, zlib and
     * malloc hold. The Java heap and the JVM's non-heap pools (JIT code cache, metaspace) are left out:
     * the JVM keeps heap it once grew, and compiles more code as new paths get hot; neither is a leak.
     */
    static long settledRssKb() throws Exception {
        System.gc();
        Thread.sleep(200);
        var memory = ManagementFactory.getMemoryMXBean();
        long jvm = (memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted()) / 1024;
        return BenchCommand.procStatusKb("VmRSS") - jvm;
    }

    /**
     * Live threads, not counting the JDK's "process reaper" pool: it keeps an idle thread for 60 s after
     * each child process (FFmpeg) exits, then retires it, so it is not a leak.
     */
    private static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).filter(t -> !t.getName().startsWith("process reaper")).count();
    }
}
