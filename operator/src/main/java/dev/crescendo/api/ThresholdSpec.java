package dev.crescendo.api;

import dev.crescendo.loadgen.config.SchemaPatterns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.crescendo.loadgen.config.ThresholdSpec.LatencyMetric;
import dev.crescendo.loadgen.config.ThresholdSpec.OutcomeRateMetric;
import dev.crescendo.loadgen.config.ThresholdSpec.RateMetric;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A limit on one metric (DESIGN §5). Exactly one source is set: the load generator's own
 * ({@code latency}, {@code errorRate}, {@code outcomeRate}, {@code throughput}), a Prometheus query
 * ({@code promql}) or a target's metrics endpoint ({@code scrape}). {@code fail}/{@code warn}:
 * "250ms", "1%", 0.9, or with a direction, "&lt; 0.8" (below is bad).
 */
@ValidationRule(value = "[has(self.latency), has(self.errorRate), has(self.outcomeRate), has(self.throughput),"
        + " has(self.promql), has(self.scrape)].filter(x, x).size() == 1",
        message = "set exactly one of latency, errorRate, outcomeRate, throughput, promql or scrape")
public record ThresholdSpec(
        @Required @Pattern("^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$") String name,
        LatencyMetric latency,
        RateMetric errorRate,
        OutcomeRateMetric outcomeRate,
        ThroughputMetric throughput,
        String promql,
        ScrapeMetric scrape,
        // A number (0.9) or text ("250ms", "1%", "< 0.8"): the schema must take both.
        @SchemaFrom(type = AnyType.class) String warn,
        @Required @SchemaFrom(type = AnyType.class) String fail,
        @JsonProperty("for") @Pattern(SchemaPatterns.DURATION) String sustain) {

    /** Requests per second completed, of one operation or of all. */
    public record ThroughputMetric(String operation) {}

    /**
     * One metric, or the ratio of two, read from a Prometheus text endpoint (e.g. the target's
     * /metrics): the series of {@code metric} matching {@code labels} are added up ({@code sum}, the
     * default) or the largest taken ({@code max}); with {@code ratioTo} the same is done for it and
     * the result is metric / ratioTo (e.g. active / max connections).
     */
    public record ScrapeMetric(@Required String url, @Required String metric, String ratioTo,
                               java.util.Map<String, String> labels, @Pattern("^(sum|max)$") String aggregate) {}

    /** True when the load generator itself can evaluate this threshold (it aborts the stage on a breach). */
    @JsonIgnore
    public boolean isGeneratorSide() {
        return latency != null || errorRate != null || outcomeRate != null;
    }
}
