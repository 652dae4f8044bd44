package org.ganimationstudio.spark;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;

/**
 * The renderers an executor has loaded, kept for the life of the executor: a task borrows one (loading
 * one only when every loaded one is busy), so models load once per concurrently running task slot, not
 * once per photo or per partition.
 */
final class RendererPool {

    /** DJL's setting for PyTorch's intra-op threads, read once when the engine starts. */
    static final String TORCH_THREADS = "ai.djl.pytorch.num_threads";

    private static final Map<RenderSettings, Deque<PhotoRenderer>> IDLE = new HashMap<>();

    private RendererPool() {
    }

    /** A renderer for {@code settings}: an idle one, else one loaded now (see {@link PhotoRenderer#loadMillis}). */
    static Borrowed borrow(RenderSettings settings) throws Exception {
        synchronized (IDLE) {
            // an executor serves one job at a time: idle renderers of other settings are a finished job's
            for (var it = IDLE.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().equals(settings)) {
                    e.getValue().forEach(PhotoRenderer::close);
                    it.remove();
                }
            }
            Deque<PhotoRenderer> idle = IDLE.get(settings);
            if (idle != null && !idle.isEmpty()) {
                return new Borrowed(idle.pop(), false);
            }
        }
        limitThreads();
        return new Borrowed(PhotoRenderer.open(settings, localFolder(settings.model()),
                localFolder(settings.estimator())), true);
    }

    /** Keeps {@code renderer} for the next task with the same settings. */
    static void giveBack(RenderSettings settings, PhotoRenderer renderer) {
        synchronized (IDLE) {
            IDLE.computeIfAbsent(settings, s -> new ArrayDeque<>()).push(renderer);
        }
    }

    /** A renderer lent to a task; {@code loaded} when the task had to load it. */
    record Borrowed(PhotoRenderer renderer, boolean loaded) {
    }

    /**
     * Each task slot renders one photo at a time with the cores Spark gives a task, so PyTorch gets that
     * many threads rather than one per core of the machine, which the other slots' threads would fight for.
     * Left alone when set on the executor's command line.
     */
    private static void limitThreads() {
        if (System.getProperty(TORCH_THREADS) == null) {
            TaskContext task = TaskContext.get();
            int cpus = task == null ? 1 : Math.max(1, task.cpus());
            System.setProperty(TORCH_THREADS, Integer.toString(cpus));
        }
    }

    /** A model folder the driver shipped with the job ({@code SparkContext.addFile}), where it is on this executor. */
    private static Path localFolder(String name) {
        return name == null ? null : Path.of(SparkFiles.get(name));
    }
}
