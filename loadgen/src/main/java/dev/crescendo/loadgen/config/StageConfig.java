package dev.crescendo.loadgen.config;

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
    public record StageSpec(
            String name,
            Integer vus,
            Double arrivalRate,
            String duration,
            String rampUp,
            Integer maxInFlight,
            String gracefulStop) {}

    /** Stop early when nearly every attempt fails to connect and none succeeds (report 002). */
    public record FastFailSpec(Boolean enabled, String after, Integer minRequests, Double failureShare) {}
}
