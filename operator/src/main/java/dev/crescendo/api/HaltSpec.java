package dev.crescendo.api;

import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.SchemaPatterns;
import io.fabric8.generator.annotation.Pattern;
import java.time.Duration;

/**
 * How the operator watches a running stage (DESIGN §5).
 *
 * @param evaluationInterval    how often thresholds are evaluated (default 5s, at least 1s)
 * @param window                the recent window the generator's numbers are judged over (default 10s)
 * @param onMetricsUnavailable  Halt (default) or Continue when a threshold has had no data for longer
 *                              than {@code metricsUnavailableFor}
 * @param metricsUnavailableFor how long a threshold may go without data (default: three evaluation intervals)
 */
public record HaltSpec(
        @Pattern(SchemaPatterns.DURATION) String evaluationInterval,
        @Pattern(SchemaPatterns.DURATION) String window,
        MetricsUnavailablePolicy onMetricsUnavailable,
        @Pattern(SchemaPatterns.DURATION) String metricsUnavailableFor) {

    public enum MetricsUnavailablePolicy { Halt, Continue }

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    public static Duration interval(HaltSpec halt) {
        return Durations.parseOr(halt == null ? null : halt.evaluationInterval(), DEFAULT_INTERVAL);
    }

    public static Duration unavailableGrace(HaltSpec halt) {
        return Durations.parseOr(halt == null ? null : halt.metricsUnavailableFor(), interval(halt).multipliedBy(3));
    }

    public static boolean haltWhenUnavailable(HaltSpec halt) {
        return halt == null || halt.onMetricsUnavailable() != MetricsUnavailablePolicy.Continue;
    }
}
