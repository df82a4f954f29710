package dev.crescendo.campaign;

import java.util.List;
import java.util.Map;

/**
 * What is known about a finished (or halted) stage, in plain data: the input of the diagnosis.
 *
 * @param p95GrowthFactor the stage's worst p95 over the previous stage's, or null for the first stage
 * @param generatorFailure why the load generator could not run, or null
 * @param metricsUnavailable which metrics were missing, or null
 */
public record StageEvidence(
        String stage,
        long requests,
        Map<String, Long> outcomes,
        List<Sample> errorSamples,
        List<ThresholdReading> thresholds,
        Double p95GrowthFactor,
        String generatorFailure,
        String metricsUnavailable) {

    /** A distinct error response seen in the stage, with how often. */
    public record Sample(String operation, String outcome, int status, String body, long count) {}

    /**
     * A threshold's last reading: {@code subject} is what it measures (a PromQL expression, a metric
     * name, "p95 latency of send"), used to recognise connection-pool thresholds.
     */
    public record ThresholdReading(String name, String subject, boolean latency, String observed, String limit, boolean breached) {

        /** Pool thresholds are recognised by name or subject ("pool", "connections"): hikaricp_connections_active, pg pool … */
        public boolean isPool() {
            return (name + " " + subject).toLowerCase(java.util.Locale.ROOT).matches(".*(pool|connections).*");
        }
    }

    long count(String outcome) {
        return outcomes == null ? 0 : outcomes.getOrDefault(outcome, 0L);
    }

    double share(String outcome) {
        return requests == 0 ? 0 : (double) count(outcome) / requests;
    }
}
