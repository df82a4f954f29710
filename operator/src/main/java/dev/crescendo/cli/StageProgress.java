package dev.crescendo.cli;

import dev.crescendo.loadgen.report.LiveSnapshot;
import dev.crescendo.loadgen.report.OperationLatency;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * Live stage progress for {@code run} and {@code demo}: on a terminal one bar per stage, redrawn in
 * place (elapsed, users, req/s, p95, errors); otherwise a plain line every five seconds, so logs
 * and CI output stay readable. Status lines from the operator go through {@link #line} so they
 * never land in the middle of a bar.
 */
final class StageProgress {
    enum Mode { BAR, PLAIN }

    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter out;
    private final Mode mode;
    private String barStage;
    private String lastPlainStep;
    private long lastDrawn;

    StageProgress(PrintWriter out, Mode mode) {
        this.out = out;
        this.mode = mode;
    }

    /** A bar when standard output is a terminal. */
    static Mode detect() {
        Console console = System.console();
        if (console == null) {
            return Mode.PLAIN;
        }
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() tells. JDK 21 has no such method.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console) ? Mode.BAR : Mode.PLAIN;
        } catch (ReflectiveOperationException e) {
            return Mode.BAR;
        }
    }

    /** Called by the load generator's ticker thread, several times a second. */
    synchronized void onSnapshot(LiveSnapshot s) {
        if (s.window() == null) {
            return;
        }
        if (mode == Mode.PLAIN) {
            String step = s.stage() + "/" + ((long) s.elapsedSeconds()) / 5;
            if (!step.equals(lastPlainStep)) {
                lastPlainStep = step;
                out.println("  " + numbers(s));
                out.flush();
            }
            return;
        }
        long now = System.nanoTime();
        boolean newStage = !Objects.equals(barStage, s.stage());
        if (!newStage && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        if (newStage && barStage != null) {
            out.println();
        }
        barStage = s.stage();
        lastDrawn = now;
        double share = s.durationSeconds() <= 0 ? 0 : Math.min(1, s.elapsedSeconds() / s.durationSeconds());
        int filled = (int) Math.round(share * BAR_WIDTH);
        out.print("\r\033[2K  [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + numbers(s));
        out.flush();
    }

    /** A status line: ends the bar being drawn first. */
    synchronized void line(String text) {
        if (mode == Mode.BAR && barStage != null) {
            out.print("\r\033[2K");
            barStage = null;
        }
        out.println(text);
        out.flush();
    }

    /** Ends a bar left on the line, before a table is printed. */
    synchronized void finish() {
        if (mode == Mode.BAR && barStage != null) {
            out.println();
            barStage = null;
        }
        out.flush();
    }

    private static String numbers(LiveSnapshot s) {
        LiveSnapshot.Totals w = s.window();
        double p95 = w.operations() == null ? Double.NaN : w.operations().values().stream().map(OperationLatency::p95Ms)
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%-10s %4.0fs/%.0fs  vus %3d  %8.1f req/s  p95 %9s  errors %s", s.stage(),
                s.elapsedSeconds(), s.durationSeconds(), s.activeVus(), w.throughputPerSecond(),
                Double.isNaN(p95) ? "-" : String.format(Locale.ROOT, "%.1fms", p95),
                w.errorRate() == null ? "-" : String.format(Locale.ROOT, "%.2f%%", w.errorRate() * 100));
    }
}
