package dev.crescendo.loadgen.cli;

import dev.crescendo.loadgen.report.LiveSnapshot;
import dev.crescendo.loadgen.report.OperationLatency;
import java.io.PrintWriter;
import java.util.Locale;

/** One progress line every few seconds: elapsed, throughput, window p95, error share, users. */
final class ProgressPrinter {
    private static final int EVERY_SECONDS = 5;

    private final PrintWriter err;
    private final boolean quiet;
    private long lastPrinted = -1;

    ProgressPrinter(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    void onTick(LiveSnapshot s) {
        long second = (long) s.elapsedSeconds();
        if (quiet || second / EVERY_SECONDS == lastPrinted) {
            return;
        }
        lastPrinted = second / EVERY_SECONDS;
        LiveSnapshot.Totals w = s.window();
        double p95 = w.operations().values().stream().map(OperationLatency::p95Ms)
                .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        err.printf(Locale.ROOT, "[%s] %3.0fs/%.0fs  %8.1f req/s  p95 %s  errors %s  vus %d  in-flight %d  dropped %d%n",
                s.stage(), s.elapsedSeconds(), s.durationSeconds(), w.throughputPerSecond(),
                Double.isNaN(p95) ? "-" : String.format(Locale.ROOT, "%.2fms", p95),
                w.errorRate() == null ? "-" : String.format(Locale.ROOT, "%.2f%%", w.errorRate() * 100),
                s.activeVus(), s.inFlight(), s.total().dropped());
        err.flush();
    }
}
