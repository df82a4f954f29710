package dev.crescendo.loadgen.cli;

import dev.crescendo.loadgen.report.OperationLatency;
import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.stats.ErrorSamples;
import dev.crescendo.loadgen.threshold.ThresholdResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The final summary for people at a terminal. */
final class SummaryTable {
    private SummaryTable() {}

    static void print(PrintWriter out, Summary s) {
        out.printf(Locale.ROOT, "%nstage %s: %d requests in %.1fs, %.1f req/s, %d dropped, %d interrupted%n",
                s.stage(), s.requests(), s.durationSeconds(), s.throughputPerSecond(), s.dropped(), s.interrupted());
        out.print("outcomes:");
        s.outcomes().forEach((k, v) -> {
            if (v > 0 || k.equals("ok")) {
                out.printf(Locale.ROOT, " %s=%d", k, v);
            }
        });
        out.println();
        out.printf(Locale.ROOT, "%-20s %10s %10s %10s %10s %10s%n", "operation", "count", "p50", "p95", "p99", "max");
        for (Map.Entry<String, OperationLatency> e : s.operations().entrySet()) {
            OperationLatency l = e.getValue();
            out.printf(Locale.ROOT, "%-20s %10d %10s %10s %10s %10s%n", e.getKey(), l.count(), ms(l.p50Ms()),
                    ms(l.p95Ms()), ms(l.p99Ms()), ms(l.maxMs()));
        }
        if (s.thresholds() != null) {
            for (ThresholdResult t : s.thresholds()) {
                out.printf(Locale.ROOT, "threshold %-20s %-12s observed %-10s fail above %s%n", t.name(), t.verdict(),
                        t.observed(), t.fail());
            }
        }
        if (s.errorSamples() != null) {
            out.println("error samples:");
            for (ErrorSamples.Sample x : s.errorSamples()) {
                out.printf(Locale.ROOT, "  %6d x %s %s%s: %s%n", x.count(), x.operation(), x.outcome(),
                        x.status() > 0 ? " " + x.status() : "", x.body().replace('\n', ' '));
            }
        }
        if (s.abortReason() != null) {
            out.println("ABORTED: " + s.abortReason());
        }
    }

    private static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2fms", v);
    }
}
