package dev.crescendo.metrics;

/**
 * One reading of a metric: a finite value, or the reason it could not be read. NaN and ±Inf are
 * never values (a threshold cannot be judged on them): they become unavailable, with a reason
 * saying so. {@code value} is NaN when unavailable; {@code reason} is null when available.
 * {@code seriesFound}: the query or metric matched series (true for a value, and for NaN/±Inf
 * read from existing series), false when nothing was found or nothing could be asked.
 */
public record MetricReading(double value, String reason, boolean seriesFound) {

    /** A reading; without a reason, NaN/±Inf become unavailable with the series found (see {@link #notANumber}). */
    public MetricReading(double value, String reason) {
        this(value, reason, reason == null);
    }

    public MetricReading {
        if (reason == null) {
            if (Double.isNaN(value)) {
                reason = "the value is NaN (not a number), not a usable reading";
            } else if (Double.isInfinite(value)) {
                reason = "the value is " + (value > 0 ? "+Inf" : "-Inf") + ", not a usable reading";
            }
        }
        if (reason != null) {
            value = Double.NaN;
            if (reason.isBlank()) {
                reason = "unavailable (no reason given)";
            }
        }
    }

    /** A value; NaN or ±Inf give an unavailable reading that says so. */
    public static MetricReading of(double value) {
        return new MetricReading(value, null);
    }

    /** No value, and why (shown to users: name what was asked and what answered). */
    public static MetricReading unavailable(String reason) {
        return new MetricReading(Double.NaN, reason == null ? "" : reason, false);
    }

    /**
     * The series exist but their value is not a number yet (0/0 before any request, NaN, ±Inf):
     * unavailable for judging, yet proof that the query or metric is right, which is what a
     * preflight check needs to know.
     */
    public static MetricReading notANumber(String reason) {
        return new MetricReading(Double.NaN, reason == null ? "" : reason, true);
    }

    public boolean available() {
        return reason == null;
    }

    /** The value, boxed, or null when unavailable (what {@code ThresholdEvaluator.observe} takes). */
    public Double valueOrNull() {
        return available() ? value : null;
    }

    @Override
    public String toString() {
        return available() ? String.valueOf(value) : "unavailable: " + reason;
    }
}
