package dev.crescendo.loadgen.threshold;

import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.ThresholdSpec;
import dev.crescendo.loadgen.engine.Outcome;
import dev.crescendo.loadgen.stats.Interval;
import java.util.List;
import java.util.Locale;

/**
 * A compiled threshold on the generator's own numbers. Higher is worse for all of them
 * (latency, error rate, outcome rate), so a level is crossed when the observed value exceeds it.
 */
public final class LocalThreshold {
    public enum Metric { LATENCY, ERROR_RATE, OUTCOME_RATE }

    private final String name;
    private final Metric metric;
    private final int operation;
    private final String operationName;
    private final double percentile;
    private final Outcome outcome;
    private final Double warn;
    private final double fail;
    private final String failText;
    private final long sustainNanos;

    private LocalThreshold(String name, Metric metric, String operationName, int operation, double percentile, Outcome outcome,
                           Double warn, double fail, String failText, long sustainNanos) {
        this.name = name;
        this.metric = metric;
        this.operationName = operationName;
        this.operation = operation;
        this.percentile = percentile;
        this.outcome = outcome;
        this.warn = warn;
        this.fail = fail;
        this.failText = failText;
        this.sustainNanos = sustainNanos;
    }

    /** Compiles a validated spec; {@code operations} gives each operation name its index. */
    public static LocalThreshold compile(ThresholdSpec spec, List<String> operations) {
        long sustain = Durations.parseOr(spec.sustain(), java.time.Duration.ZERO).toNanos();
        if (spec.latency() != null) {
            return new LocalThreshold(spec.name(), Metric.LATENCY, spec.latency().operation(), index(operations, spec.latency().operation()),
                    spec.latency().percentile(), null,
                    spec.warn() == null ? null : Limits.latencyMillis(spec.warn()), Limits.latencyMillis(spec.fail()),
                    spec.fail(), sustain);
        }
        Metric metric = spec.errorRate() != null ? Metric.ERROR_RATE : Metric.OUTCOME_RATE;
        String op = spec.errorRate() != null ? spec.errorRate().operation() : spec.outcomeRate().operation();
        Outcome outcome = spec.outcomeRate() != null ? Outcome.fromWireName(spec.outcomeRate().outcome()) : null;
        return new LocalThreshold(spec.name(), metric, op, index(operations, op), 0, outcome,
                spec.warn() == null ? null : Limits.share(spec.warn()), Limits.share(spec.fail()), spec.fail(), sustain);
    }

    private static int index(List<String> operations, String name) {
        return name == null ? -1 : operations.indexOf(name);
    }

    public String name() {
        return name;
    }

    public long sustainNanos() {
        return sustainNanos;
    }

    /** Requests of this threshold's operation (or of all) in {@code interval}. */
    public long requests(Interval interval) {
        return interval.requests(operation);
    }

    /** The observed value over {@code interval}: milliseconds or a share; NaN without data. */
    public double observe(Interval interval) {
        return switch (metric) {
            case LATENCY -> interval.percentileMillis(operation, percentile);
            case ERROR_RATE -> share(interval.requests(operation) - interval.count(operation, Outcome.OK), interval.requests(operation));
            case OUTCOME_RATE -> share(interval.count(operation, outcome), interval.requests(operation));
        };
    }

    private static double share(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    public boolean failCrossed(double observed) {
        return observed > fail;
    }

    public Verdict verdict(double observed) {
        if (Double.isNaN(observed)) {
            return Verdict.INCONCLUSIVE;
        }
        if (observed > fail) {
            return Verdict.FAILED;
        }
        return warn != null && observed > warn ? Verdict.MARGINAL : Verdict.PASSED;
    }

    public String format(double observed) {
        if (Double.isNaN(observed)) {
            return "no data";
        }
        return metric == Metric.LATENCY ? String.format(Locale.ROOT, "%.1fms", observed)
                : String.format(Locale.ROOT, "%.2f%%", observed * 100);
    }

    public String describe() {
        return switch (metric) {
            case LATENCY -> "p" + trim(percentile) + " latency" + of();
            case ERROR_RATE -> "error rate" + of();
            case OUTCOME_RATE -> outcome.wireName() + " rate" + of();
        };
    }

    public String failText() {
        return failText;
    }

    private String of() {
        return operationName == null ? "" : " of " + operationName;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
