package dev.crescendo.loadgen.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crescendo.loadgen.engine.StageState;
import dev.crescendo.loadgen.threshold.ThresholdResult;
import java.util.List;
import java.util.Map;

/**
 * What {@code /snapshot} serves while a stage runs: totals so far and the recent window (the
 * numbers thresholds are judged on), refreshed four times a second.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveSnapshot(
        String stage,
        StageState state,
        double elapsedSeconds,
        double durationSeconds,
        long activeVus,
        long inFlight,
        Totals total,
        Totals window,
        List<ThresholdResult> thresholds,
        String abortReason) {

    /** Numbers over an interval; {@code errorRate} is the share not {@code ok}, null without requests. */
    public record Totals(
            double seconds,
            long requests,
            double throughputPerSecond,
            Double errorRate,
            long dropped,
            Map<String, Long> outcomes,
            Map<String, OperationLatency> operations) {}
}
