package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.Breach;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.StagePhase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.ThresholdResult;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.campaign.JobNames;
import dev.crescendo.loadgen.report.Summary;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * After a breach: the stage Job is deleted; this waits until its load generator pods are gone or
 * have terminated (the load has stopped), then records {@code loadStoppedAt}, the halted stage's
 * numbers (the generator's summary if its pod left one, else its last live snapshot), the
 * diagnosis, and ends the campaign Halted.
 */
final class HaltStageStep implements CampaignStep {
    /** Longer than any sane termination grace period: after this the campaign ends anyway, saying the pods linger. */
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private final LiveEvaluation live;
    private final Clock clock;
    private final CampaignEvents events;

    HaltStageStep(LiveEvaluation live, Clock clock, CampaignEvents events) {
        this.live = live;
        this.clock = clock;
        this.events = events;
    }

    /** True while a breach is recorded for the running stage and the load has not been seen stopped. */
    static boolean applies(StatusDraft s) {
        return s.breach != null && s.breach.loadStoppedAt() == null && s.breach.stage().equals(s.currentStage);
    }

    @Override
    public Progress apply(LoadCampaign c, StatusDraft s, Context<LoadCampaign> context) {
        KubernetesClient client = context.getClient();
        Instant now = clock.instant();
        String ns = c.getMetadata().getNamespace();
        String jobName = JobNames.of(c.getMetadata().getName(), s.run, s.currentStage);
        List<Pod> pods = client.pods().inNamespace(ns).withLabel("job-name", jobName).list().getItems();
        boolean stopped = pods.stream().allMatch(HaltStageStep::terminated);
        Breach breach = s.breach;
        if (!stopped && now.isBefore(Instant.parse(breach.detectedAt()).plus(STOP_TIMEOUT))) {
            // Idempotent: after an operator restart between the breach and the delete, this deletes it.
            client.batch().v1().jobs().inNamespace(ns).withName(jobName)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            return Progress.requeue(LiveEvaluation.HALT_POLL);
        }
        StageMonitor monitor = live.finish(c, s.run, s.currentStage);
        boolean unavailable = "unavailable".equals(breach.observed());
        String why = s.stage(s.currentStage) != null && s.stage(s.currentStage).message() != null
                ? s.stage(s.currentStage).message() : "threshold " + breach.threshold() + " breached";
        Summary summary = StageResults.leftBy(pods);
        if (summary == null && monitor != null && monitor.lastSnapshot() != null) {
            summary = StageResults.fromSnapshot(monitor.lastSnapshot(), "halted by the operator: " + why);
        }
        List<ThresholdResult> operatorThresholds = LiveEvaluation.finalThresholds(monitor);
        StageStatus recorded = s.stage(s.currentStage);
        String startedAt = recorded == null ? null : recorded.startedAt();
        s.putStage(summary != null
                ? StageRecords.measured(s.currentStage, StagePhase.Halted, Verdict.FAILED, jobName, startedAt, now.toString(),
                        summary, operatorThresholds, CampaignEnd.poolUtilisation(c.getSpec(), monitor), why)
                : StageRecords.withPhase(StageRecords.broken(s.currentStage, jobName, startedAt, now.toString(), why),
                        StagePhase.Halted, why));
        s.breach = new Breach(breach.stage(), breach.threshold(), breach.observed(), breach.limit(), breach.detectedAt(),
                stopped ? now.toString() : null);
        int index = Approval.indexOf(c.getSpec(), s.currentStage);
        Summary evidence = summary != null ? summary
                : new Summary(s.currentStage, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), null, null, why, null);
        // Someone pulled the kill switch: nothing to diagnose.
        s.diagnosis = KillSwitchStep.THRESHOLD.equals(breach.threshold()) ? null : StageDiagnosis.of(c.getSpec(), evidence,
                CampaignEnd.previous(c.getSpec(), s, index), operatorThresholds, unavailable ? why : null);
        String stoppedNote = stopped ? "" : "; its load generator pods were still terminating after "
                + STOP_TIMEOUT.toMinutes() + "m";
        CampaignEnd.failed(c, s, Phase.Halted, "stage " + s.currentStage + " halted: " + why
                + (s.diagnosis != null ? "; " + s.diagnosis.message() : "") + stoppedNote, events);
        return Progress.done();
    }

    /** The pod's containers have all exited, or it is gone: it sends nothing any more. */
    private static boolean terminated(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null ? null : pod.getStatus().getContainerStatuses();
        return statuses != null && !statuses.isEmpty()
                && statuses.stream().allMatch(cs -> cs.getState() != null && cs.getState().getTerminated() != null);
    }
}
