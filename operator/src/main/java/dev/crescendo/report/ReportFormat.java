package dev.crescendo.report;

import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.StageConfig.StageSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** How the report writes numbers: one decimal for req/s, two for percentages, factors as ×N. */
final class ReportFormat {
    static final String VUS = "VUs";
    static final String REQ_PER_SECOND = "req/s";

    private ReportFormat() {}

    static String count(Long n) {
        return n == null ? null : String.format(Locale.ROOT, "%,d", n);
    }

    static String rate(Double perSecond) {
        return perSecond == null ? null : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** A share (0..1) as a percentage with two decimals. */
    static String percent(Double share) {
        return share == null || share.isNaN() ? null : String.format(Locale.ROOT, "%.2f%%", share * 100);
    }

    /** A growth factor: ×4, ×3.99, ×1.18 (at most two decimals, no trailing zeros). */
    static String factor(Double f) {
        return f == null || f.isNaN() || f.isInfinite() ? null : "×" + trimmed(f, 2);
    }

    /** {@code n} with at most {@code decimals} decimals and no trailing zeros: 5, 12.5. */
    static String trimmed(double n, int decimals) {
        if (Double.isNaN(n) || Double.isInfinite(n)) {
            return String.valueOf(n);
        }
        return BigDecimal.valueOf(n).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A load with its unit: "20 VUs", "400 req/s". */
    static String load(Double load, String unit) {
        return load == null ? null : trimmed(load, 2) + (unit == null ? "" : " " + unit);
    }

    /** A spec stage's load: its VUs (closed model) or its arrival rate (open model). */
    static String load(StageSpec stage) {
        if (stage.vus() != null) {
            return load(stage.vus().doubleValue(), VUS);
        }
        return load(stage.arrivalRate(), REQ_PER_SECOND);
    }

    static String unit(StageSpec stage) {
        return stage.vus() != null ? VUS : stage.arrivalRate() != null ? REQ_PER_SECOND : null;
    }

    /** Seconds with two decimals: halting is judged in fractions of a second. */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    /** The time between two status timestamps, when both are there and readable. */
    static Optional<Duration> between(String from, String to) {
        if (from == null || to == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.between(Instant.parse(from), Instant.parse(to)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A status latency ("26ms", "1.2s") in milliseconds, or empty when it is missing or unreadable. */
    static Optional<Double> millis(String latency) {
        if (latency == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Durations.parse(latency).toNanos() / 1e6);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
