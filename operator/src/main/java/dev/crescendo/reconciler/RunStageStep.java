package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.StagePhase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.ThresholdResult;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.campaign.JobNames;
import dev.crescendo.campaign.StageJudge;
import dev.crescendo.loadgen.report.Summary;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Runs the current stage: creates its Job once (looked up by its deterministic name first, so a
 * restarted operator never starts a second), watches it through {@link LiveEvaluation} while it
 * runs, then reads the result from the pod's termination message and moves on: next stage,
 * approval, success, or the end of the campaign on a bad stage.
 */
final class RunStageStep implements CampaignStep {
    private final StageJobs jobs;
    private final LiveEvaluation live;
    private final Clock clock;
    private final CampaignEvents events;

    RunStageStep(StageJobs jobs, LiveEvaluation live, Clock clock, CampaignEvents events) {
        this.jobs = jobs;
        this.live = live;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Progress apply(LoadCampaign c, StatusDraft s, Context<LoadCampaign> context) {
        KubernetesClient client = context.getClient();
        int index = Approval.indexOf(c.getSpec(), s.currentStage);
        String ns = c.getMetadata().getNamespace();
        String jobName = JobNames.of(c.getMetadata().getName(), s.run, s.currentStage);
        Job job = client.batch().v1().jobs().inNamespace(ns).withName(jobName).get();
        StageStatus recorded = s.stage(s.currentStage);
        if (job == null && recorded != null && recorded.phase() == StagePhase.Running) {
            // Its Job existed (the status says it ran) and is gone: someone deleted it. Never run a stage twice.
            String reason = "Job " + jobName + " was deleted while the stage ran";
            live.finish(c, s.run, s.currentStage);
            s.putStage(StageRecords.broken(s.currentStage, jobName, recorded.startedAt(), clock.instant().toString(), reason));
            CampaignEnd.failed(c, s, Phase.Failed, "stage " + s.currentStage + ": " + reason, events);
            s.diagnosis = new LoadCampaignStatus.Diagnosis("LoadGeneratorFailure", reason, List.of(reason), null);
            return Progress.done();
        }
        if (job == null) {
            try {
                client.resource(jobs.build(c, s.run, index)).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // created by an earlier reconcile whose status patch was lost: just go on reading it
            }
            s.putStage(StageRecords.running(s.currentStage, jobName, clock.instant().toString()));
            s.message = "stage " + s.currentStage + " started (Job " + jobName + ")";
            events.normal(c, "StageStarted", s.message);
            return Progress.requeue(dev.crescendo.api.HaltSpec.interval(c.getSpec().halt()));
        }
        if (recorded == null) {
            recorded = StageRecords.running(s.currentStage, jobName, clock.instant().toString());
            s.putStage(recorded);
        }
        List<Pod> pods = client.pods().inNamespace(ns).withLabel("job-name", jobName).list().getItems();
        return switch (StageResults.of(job, pods, clock.instant())) {
            case StageResults.Running r -> {
                s.message = "stage " + s.currentStage + " running";
                yield live.watch(c, s, index, jobName, pods, client);
            }
            case StageResults.Broken b -> {
                live.finish(c, s.run, s.currentStage);
                s.putStage(StageRecords.broken(s.currentStage, jobName, recorded.startedAt(), clock.instant().toString(), b.reason()));
                CampaignEnd.failed(c, s, Phase.Failed, "stage " + s.currentStage + ": the load generator could not run: "
                        + b.reason(), events);
                s.diagnosis = new LoadCampaignStatus.Diagnosis("LoadGeneratorFailure", b.reason(), List.of(b.reason()), null);
                yield Progress.done();
            }
            case StageResults.Finished f -> finished(c, s, index, jobName, recorded.startedAt(), f);
        };
    }

    private Progress finished(LoadCampaign c, StatusDraft s, int index, String jobName, String startedAt,
                              StageResults.Finished f) {
        Summary summary = f.summary();
        StageMonitor monitor = live.finish(c, s.run, s.currentStage);
        List<ThresholdResult> operatorThresholds = LiveEvaluation.finalThresholds(monitor);
        StageJudge.Judgement judgement = StageJudge.judge(summary);
        Verdict verdict = judgement.verdict();
        String reason = judgement.reason();
        for (ThresholdResult t : operatorThresholds) {
            if (StageJudge.rank(t.verdict()) > StageJudge.rank(verdict)) {
                verdict = t.verdict();
                reason = "threshold " + t.name() + ": " + t.observed() + switch (t.verdict()) {
                    case FAILED -> ", over its fail level (" + t.limit() + ") at the stage's end";
                    case MARGINAL -> ", crossed its warn level during the stage (fail " + t.limit() + ")";
                    default -> " (fail " + t.limit() + ")";
                };
            }
        }
        String finishedAt = f.finishedAt() != null ? f.finishedAt() : clock.instant().toString();
        // The generator stopped itself on one of its own thresholds: a halt, as fast as one gets.
        boolean halted = summary.abortReason() != null && summary.abortReason().startsWith("threshold");
        s.putStage(StageRecords.measured(s.currentStage, halted ? StagePhase.Halted : StagePhase.Completed, verdict, jobName, startedAt, finishedAt, summary,
                operatorThresholds, CampaignEnd.poolUtilisation(c.getSpec(), monitor), reason));
        events.normal(c, "StageFinished", "stage " + s.currentStage + ": " + verdict + " (" + reason + ")");
        if (verdict == Verdict.FAILED || verdict == Verdict.INCONCLUSIVE) {
            s.diagnosis = StageDiagnosis.of(c.getSpec(), summary, CampaignEnd.previous(c.getSpec(), s, index),
                    operatorThresholds, null);
            CampaignEnd.failed(c, s, halted ? Phase.Halted : Phase.Failed, "stage " + s.currentStage + " " + verdict + ": "
                    + (s.diagnosis != null ? s.diagnosis.message() : reason), events);
            s.verdict = verdict;
            if (halted && summary.thresholds() != null) {
                summary.thresholds().stream().filter(t -> t.verdict() == dev.crescendo.loadgen.threshold.Verdict.FAILED)
                        .findFirst().ifPresent(t -> s.breach = new LoadCampaignStatus.Breach(s.currentStage, t.name(),
                                t.observed(), t.fail(), finishedAt, finishedAt));
            }
            return Progress.done();
        }
        if (index + 1 < c.getSpec().stages().size()) {
            s.currentStage = c.getSpec().stages().get(index + 1).name();
            if (!Approval.approved(c.getSpec(), index + 1)) {
                s.phase = Phase.AwaitingApproval;
                s.message = "stage " + c.getSpec().stages().get(index).name() + " " + verdict
                        + "; waiting for approval of " + s.currentStage;
                events.normal(c, "AwaitingApproval", s.message);
                return Progress.done();
            }
            return Progress.next();
        }
        s.phase = Phase.Succeeded;
        s.verdict = s.stages.stream().map(StageStatus::verdict).filter(Objects::nonNull)
                .max((a, b) -> StageJudge.rank(a) - StageJudge.rank(b)).orElse(Verdict.PASSED);
        s.currentStage = null;
        s.message = "all " + s.stages.size() + " stages ran: " + s.verdict;
        s.capacity = StageCapacity.of(c.getSpec(), s.stages, null);
        events.normal(c, "CampaignSucceeded", s.message);
        return Progress.done();
    }
}
