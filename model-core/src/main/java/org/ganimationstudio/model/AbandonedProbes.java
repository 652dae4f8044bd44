package org.ganimationstudio.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Probe forward passes that outlived their time limit. A native forward pass cannot be interrupted, and a JVM
 * that exits while one runs unloads libtorch under it (a crash), so exit waits for them: they end, since
 * {@link TorchScriptCode} lets no unbounded loop run.
 */
final class AbandonedProbes {

    /** The longest exit waits for them all. */
    static final long WAIT_SECONDS = 300;

    private static final List<Thread> THREADS = new ArrayList<>();
    private static boolean hooked;

    private AbandonedProbes() {
    }

    static synchronized void waitAtExit(Thread probe) {
        THREADS.add(probe);
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(AbandonedProbes::joinAll, "abandoned-probes"));
        }
    }

    private static void joinAll() {
        List<Thread> threads;
        synchronized (AbandonedProbes.class) {
            threads = List.copyOf(THREADS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                t.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
