package dev.crescendo.loadgen.config;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Everything one load-generator process needs to run one stage: what to call, how hard, and
 * when to give up by itself. Read from JSON or YAML (the operator writes it; people may too).
 * Durations are text ("500ms", "30s", "1m30s"), as people write them in manifests.
 * Optional fields are null when absent; {@link StageConfigValidator} checks them and
 * {@link dev.crescendo.loadgen.engine.StagePlan} applies the defaults.
 */
public record StageConfig(
        String campaign,
        String namespace,
        TargetSpec target,
        ScenarioSpec scenario,
        StageSpec stage,
        List<ThresholdSpec> thresholds,
        String thresholdWindow,
        FastFailSpec fastFail,
        Integer metricsPort,
        String summaryFile) {

    public record TargetSpec(String baseUrl, String connectTimeout) {}

    /** Closed model ({@code vus}, optional {@code rampUp}) or open model ({@code arrivalRate}, requests/s). */
    @ValidationRule(value = "has(self.vus) != has(self.arrivalRate)",
            message = "set exactly one of vus (closed model) or arrivalRate (open model, requests/s)")
    @ValidationRule(value = "!has(self.rampUp) || has(self.vus)", message = "rampUp applies to vus only")
    @ValidationRule(value = "!has(self.maxInFlight) || has(self.arrivalRate)", message = "maxInFlight applies to arrivalRate only")
    public record StageSpec(
            @Required @Pattern(SchemaPatterns.STAGE_NAME) @Size(max = 40) String name,
            @Min(1) Integer vus,
            @Min(value = 0, inclusive = false) Double arrivalRate,
            @Required @Pattern(SchemaPatterns.DURATION) String duration,
            @Pattern(SchemaPatterns.DURATION) String rampUp,
            @Min(1) Integer maxInFlight,
            @Pattern(SchemaPatterns.DURATION) String gracefulStop) {}

    /** Stop early when nearly every attempt fails to connect and none succeeds (report 002). */
    public record FastFailSpec(Boolean enabled, String after, Integer minRequests, Double failureShare) {}
}
