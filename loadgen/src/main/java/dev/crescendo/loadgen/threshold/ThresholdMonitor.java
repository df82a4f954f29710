package dev.crescendo.loadgen.threshold;

import dev.crescendo.loadgen.stats.Interval;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the local thresholds once per tick over the recent window, remembers since when each
 * has been above its fail level, and names the first one whose breach has lasted its {@code for}.
 * A window with fewer than {@link #MIN_WINDOW_REQUESTS} requests of a threshold's operation is not
 * judged (one error among the first three requests is not a 33 % error rate worth halting for);
 * the stage-end verdict still judges the whole stage. Ticker thread only.
 */
public final class ThresholdMonitor {
    public static final int MIN_WINDOW_REQUESTS = 10;

    private final List<LocalThreshold> thresholds;
    private final long[] breachSince;
    private final double[] lastObserved;
    private String breachedBy;

    public ThresholdMonitor(List<LocalThreshold> thresholds) {
        this.thresholds = List.copyOf(thresholds);
        this.breachSince = new long[thresholds.size()];
        this.lastObserved = new double[thresholds.size()];
        java.util.Arrays.fill(breachSince, -1);
        java.util.Arrays.fill(lastObserved, Double.NaN);
    }

    /** @return why the stage must abort, or null */
    public String evaluate(Interval window, long nowNanos) {
        for (int i = 0; i < thresholds.size(); i++) {
            LocalThreshold t = thresholds.get(i);
            double observed = t.requests(window) < MIN_WINDOW_REQUESTS ? Double.NaN : t.observe(window);
            lastObserved[i] = observed;
            if (Double.isNaN(observed) || !t.failCrossed(observed)) {
                breachSince[i] = -1; // no data in the window is not a breach; the stage verdict catches it
                continue;
            }
            if (breachSince[i] < 0) {
                breachSince[i] = nowNanos;
            }
            if (breachedBy == null && nowNanos - breachSince[i] >= t.sustainNanos()) {
                breachedBy = t.name();
                return "threshold " + t.name() + " breached: " + t.describe() + " " + t.format(observed)
                        + " over the last " + Math.round(window.seconds()) + "s, fail above " + t.failText();
            }
        }
        return null;
    }

    /** The latest windowed values, for the live snapshot. */
    public List<ThresholdResult> live() {
        List<ThresholdResult> out = new ArrayList<>();
        for (int i = 0; i < thresholds.size(); i++) {
            LocalThreshold t = thresholds.get(i);
            out.add(new ThresholdResult(t.name(), t.format(lastObserved[i]), t.failText(), t.verdict(lastObserved[i])));
        }
        return out;
    }

    /**
     * Verdicts over the whole stage. A threshold that aborted the stage is FAILED even if the whole-stage
     * value is below its level: the breach was real, it was only diluted.
     */
    public List<ThresholdResult> finalResults(Interval total) {
        List<ThresholdResult> out = new ArrayList<>();
        for (LocalThreshold t : thresholds) {
            double observed = t.observe(total);
            Verdict verdict = t.name().equals(breachedBy) ? Verdict.FAILED : t.verdict(observed);
            out.add(new ThresholdResult(t.name(), t.format(observed), t.failText(), verdict));
        }
        return out;
    }
}
