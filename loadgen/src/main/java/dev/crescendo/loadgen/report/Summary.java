package dev.crescendo.loadgen.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.crescendo.loadgen.stats.ErrorSamples;
import dev.crescendo.loadgen.threshold.ThresholdResult;
import java.util.List;
import java.util.Map;

/**
 * The final result of one stage, written as compact JSON of at most 4096 bytes to the pod's
 * termination message, which is how the operator reads it. Field names are a contract.
 *
 * @param dropped     open model: requests that could not be sent at their scheduled time
 * @param interrupted requests cut off by the end of the stage or a stop (in no outcome class)
 * @param retried     idempotent requests sent a second time because the server closed their
 *                    kept-alive connection as they went out (the target may have seen both)
 * @param truncated   true when operations had to be left out to fit the size limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"stage", "requests", "durationSeconds", "throughputPerSecond", "dropped", "interrupted",
    "retried", "outcomes", "operations", "thresholds", "errorSamples", "abortReason", "truncated"})
public record Summary(
        String stage,
        long requests,
        double durationSeconds,
        double throughputPerSecond,
        long dropped,
        long interrupted,
        long retried,
        Map<String, Long> outcomes,
        Map<String, OperationLatency> operations,
        List<ThresholdResult> thresholds,
        List<ErrorSamples.Sample> errorSamples,
        String abortReason,
        Boolean truncated) {

    /** This summary with every occurrence of a secret value (an API token a target echoed back) replaced. */
    public Summary redact(java.util.Set<String> secrets) {
        if (secrets.isEmpty()) {
            return this;
        }
        List<ErrorSamples.Sample> samples = errorSamples == null ? null : errorSamples.stream()
                .map(x -> new ErrorSamples.Sample(x.operation(), x.outcome(), x.status(), redact(x.body(), secrets), x.count()))
                .toList();
        return new Summary(stage, requests, durationSeconds, throughputPerSecond, dropped, interrupted, retried, outcomes,
                operations, thresholds, samples, redact(abortReason, secrets), truncated);
    }

    private static String redact(String text, java.util.Set<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "<redacted>");
        }
        return out;
    }

    public Summary withErrorSamples(List<ErrorSamples.Sample> samples) {
        return new Summary(stage, requests, durationSeconds, throughputPerSecond, dropped, interrupted, retried, outcomes,
                operations, thresholds, samples, abortReason, truncated);
    }

    public Summary withOperations(Map<String, OperationLatency> kept) {
        return new Summary(stage, requests, durationSeconds, throughputPerSecond, dropped, interrupted, retried, outcomes,
                kept, thresholds, errorSamples, abortReason, Boolean.TRUE);
    }

    public Summary withThresholds(List<ThresholdResult> kept) {
        return new Summary(stage, requests, durationSeconds, throughputPerSecond, dropped, interrupted, retried, outcomes,
                operations, kept, errorSamples, abortReason, Boolean.TRUE);
    }
}
