package dev.crescendo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/**
 * What the operator observed (DESIGN §2). Built whole by the status aggregator each time and
 * patched only when it changed.
 *
 * @param run         1 for the first run; a spec change starts the next one
 * @param runSpecHash identifies the spec the run is for; moving {@code progression.approvedThrough}
 *                    does not change it, so approving a stage continues the run instead of restarting it
 * @param history short summaries of earlier runs, newest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadCampaignStatus(
        Long observedGeneration,
        Integer run,
        String runSpecHash,
        Phase phase,
        Verdict verdict,
        String currentStage,
        String message,
        List<Condition> conditions,
        PreflightStatus preflight,
        List<StageStatus> stages,
        Breach breach,
        Diagnosis diagnosis,
        Capacity capacity,
        List<RunSummary> history) {

    public enum Phase { Pending, Preflight, Running, AwaitingApproval, Succeeded, Failed, Halted, Invalid }

    public enum Verdict { PASSED, MARGINAL, FAILED, INCONCLUSIVE }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PreflightStatus(Boolean passed, String checkedAt, String message) {}

    /**
     * One stage's result: the load generator's summary plus the verdict. While the stage runs,
     * {@code requests}, {@code throughputPerSecond} and {@code thresholds} show the last evaluation.
     *
     * @param poolUtilisation the mean reading of the campaign's connection-pool threshold during the
     *                        stage (0..1), when it has one: the input of the pool extrapolation
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StageStatus(
            String name,
            StagePhase phase,
            Verdict verdict,
            String jobName,
            String startedAt,
            String finishedAt,
            Long requests,
            Double throughputPerSecond,
            Long dropped,
            Map<String, OperationResult> operations,
            Map<String, Long> outcomes,
            List<ThresholdResult> thresholds,
            List<ErrorSample> errorSamples,
            Double poolUtilisation,
            String message) {}

    /**
     * Running: its Job exists. Halting: a threshold broke, the Job is deleted, waiting for the load
     * generator to stop. Completed: ran to its end (any verdict). Halted: stopped by a breach.
     * Failed: the load generator could not run.
     */
    public enum StagePhase { Pending, Running, Halting, Completed, Halted, Failed }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OperationResult(Long count, String p50, String p95, String p99, String max) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ThresholdResult(String name, String observed, String limit, Verdict verdict) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorSample(String operation, String outcome, Integer status, String body, Long count) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Breach(String stage, String threshold, String observed, String limit, String detectedAt,
                         String loadStoppedAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Diagnosis(String cause, String message, List<String> evidence, List<ErrorSample> errorSamples) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * @param linearThrough       the last stage up to which throughput grew with load (≥ 90 % per unit of load)
     * @param latencyGrowthFactor worst p95 of the last measured stage over the first's
     * @param poolFullAt          the load (in the stages' unit, VUs or req/s) at which the connection
     *                            pool would be full, extrapolated from the stages' pool utilisation
     * @param scaling             throughput against load, stage by stage
     */
    public record Capacity(String lastPassedStage, String firstFailedStage, String linearThrough, Double latencyGrowthFactor,
                           Double poolFullAt, String summary, List<StageScaling> scaling) {}

    /**
     * One measured stage's load and what it got: {@code efficiency} is throughput per unit of load
     * relative to the first stage (1.0 = scaled linearly), {@code p95} the worst operation's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StageScaling(String stage, Double load, String loadUnit, Double throughputPerSecond, Double efficiency,
                               String p95, Double poolUtilisation) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunSummary(Integer run, Long generation, Phase phase, Verdict verdict, String startedAt,
                             String finishedAt, String lastPassedStage) {}
}
