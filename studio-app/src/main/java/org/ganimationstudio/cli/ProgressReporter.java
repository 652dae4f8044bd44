package org.ganimationstudio.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar with rate and ETA on the error stream (so the output stays clean for scripts). */
final class ProgressReporter implements AutoCloseable {

    private final PrintWriter err;
    private final String unit;
    private ProgressBar bar;

    ProgressReporter(PrintWriter err, String unit) {
        this.err = err;
        this.unit = unit;
    }

    void start(long total) {
        bar = new ProgressBarBuilder().setTaskName(unit).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).showSpeed().setMaxRenderedLength(100)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r' + line);
                    err.flush();
                }, 100)).build();
    }

    void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    void extraMessage(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            err.println();
            bar = null;
        }
    }
}
