package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaignStatus.StagePhase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.ThresholdResult;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.loadgen.report.Summary;
import java.util.ArrayList;
import java.util.List;

/** The stage entries of the status, in the shapes a stage goes through. */
final class StageRecords {
    private StageRecords() {}

    static StageStatus running(String stage, String jobName, String startedAt) {
        return new StageStatus(stage, StagePhase.Running, null, jobName, startedAt, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The running stage with the numbers of the last evaluation. */
    static StageStatus live(StageStatus running, Long requests, Double throughput, List<ThresholdResult> thresholds) {
        return new StageStatus(running.name(), running.phase(), null, running.jobName(), running.startedAt(), null, requests,
                throughput, null, null, null, thresholds, null, null, null);
    }

    static StageStatus withPhase(StageStatus s, StagePhase phase, String message) {
        return new StageStatus(s.name(), phase, s.verdict(), s.jobName(), s.startedAt(), s.finishedAt(), s.requests(),
                s.throughputPerSecond(), s.dropped(), s.operations(), s.outcomes(), s.thresholds(), s.errorSamples(),
                s.poolUtilisation(), message);
    }

    /** The load generator could not run: no numbers. */
    static StageStatus broken(String stage, String jobName, String startedAt, String finishedAt, String reason) {
        return new StageStatus(stage, StagePhase.Failed, Verdict.FAILED, jobName, startedAt, finishedAt, null, null, null,
                null, null, null, null, null, reason);
    }

    /** A stage that ran (to its end or until halted), from the generator's summary and the operator's own thresholds. */
    static StageStatus measured(String stage, StagePhase phase, Verdict verdict, String jobName, String startedAt,
                                String finishedAt, Summary summary, List<ThresholdResult> operatorThresholds,
                                Double poolUtilisation, String message) {
        List<ThresholdResult> thresholds = new ArrayList<>();
        List<ThresholdResult> generator = StageResults.thresholds(summary);
        if (generator != null) {
            thresholds.addAll(generator);
        }
        thresholds.addAll(operatorThresholds);
        return new StageStatus(stage, phase, verdict, jobName, startedAt, finishedAt, summary.requests(),
                summary.throughputPerSecond(), summary.dropped(), StageResults.operations(summary), summary.outcomes(),
                thresholds.isEmpty() ? null : thresholds, StageResults.errorSamples(summary), poolUtilisation, message);
    }
}
