package dev.crescendo.loadgen.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A limit on the generator's own numbers, evaluated four times a second over a recent window.
 * Exactly one metric ({@code latency}, {@code errorRate}, {@code outcomeRate}) is set.
 * {@code warn}/{@code fail}: a duration for latency ("250ms"), a share for rates ("1%" or 0.01).
 * {@code for}: how long a {@code fail} breach must last before the stage aborts.
 */
public record ThresholdSpec(
        String name,
        LatencyMetric latency,
        RateMetric errorRate,
        OutcomeRateMetric outcomeRate,
        String warn,
        String fail,
        @JsonProperty("for") String sustain) {

    /** Percentile of latency, of one operation or (without {@code operation}) of all. */
    public record LatencyMetric(String operation, @Required @Min(value = 0, inclusive = false) @Max(100) Double percentile) {}

    /** Share of responses that are not {@code ok}, of one operation or of all. */
    public record RateMetric(String operation) {}

    /** Share of responses in one outcome class, e.g. {@code rate_limited}. */
    public record OutcomeRateMetric(
            @Required @Pattern("^(ok|client_error|rate_limited|server_error|timeout|connect_refused|connect_error|check_failed)$")
            String outcome,
            String operation) {}
}
