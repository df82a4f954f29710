package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.campaign.Diagnosis;
import dev.crescendo.campaign.DiagnosisRules;
import dev.crescendo.campaign.StageEvidence;
import dev.crescendo.loadgen.report.Summary;
import java.util.List;
import java.util.Objects;

/** Turns a finished stage's summary into the diagnosis table's evidence, and its answer into status. */
final class StageDiagnosis {
    private StageDiagnosis() {}

    /**
     * @param operatorThresholds the final results of the thresholds the operator judged
     * @param metricsUnavailable why the stage was halted for missing metrics, or null
     */
    static LoadCampaignStatus.Diagnosis of(LoadCampaignSpec spec, Summary summary, StageStatus previous,
                                           List<LoadCampaignStatus.ThresholdResult> operatorThresholds,
                                           String metricsUnavailable) {
        return DiagnosisRules.diagnose(evidence(spec, summary, previous, operatorThresholds, metricsUnavailable), false)
                .map(StageDiagnosis::toStatus).orElse(null);
    }

    static StageEvidence evidence(LoadCampaignSpec spec, Summary s, StageStatus previous,
                                  List<LoadCampaignStatus.ThresholdResult> operatorThresholds, String metricsUnavailable) {
        List<StageEvidence.Sample> samples = s.errorSamples() == null ? List.of() : s.errorSamples().stream()
                .map(x -> new StageEvidence.Sample(x.operation(), x.outcome(), x.status(), x.body(), x.count())).toList();
        List<StageEvidence.ThresholdReading> thresholds = new java.util.ArrayList<>();
        if (s.thresholds() != null) {
            s.thresholds().forEach(t -> thresholds.add(reading(spec, t.name(), t.observed(), t.fail(),
                    t.verdict() == dev.crescendo.loadgen.threshold.Verdict.FAILED)));
        }
        operatorThresholds.forEach(t -> thresholds.add(reading(spec, t.name(), t.observed(), t.limit(),
                t.verdict() == LoadCampaignStatus.Verdict.FAILED)));
        return new StageEvidence(s.stage(), s.requests(), s.outcomes(), samples, thresholds, growth(s, previous), null,
                metricsUnavailable);
    }

    private static StageEvidence.ThresholdReading reading(LoadCampaignSpec spec, String name, String observed, String limit,
                                                          boolean breached) {
        ThresholdSpec declared = spec.thresholds() == null ? null
                : spec.thresholds().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
        boolean latency = declared != null && declared.latency() != null;
        return new StageEvidence.ThresholdReading(name, declared == null ? name : subject(declared), latency, observed, limit,
                breached);
    }

    /** What a threshold measures, in words a reader recognises (and the pool rule can match). */
    static String subject(ThresholdSpec t) {
        if (t.latency() != null) {
            return "p" + t.latency().percentile() + " latency" + (t.latency().operation() == null ? "" : " of " + t.latency().operation());
        }
        if (t.promql() != null) {
            return t.promql();
        }
        if (t.scrape() != null) {
            return t.scrape().metric() + (t.scrape().ratioTo() == null ? "" : " / " + t.scrape().ratioTo());
        }
        if (t.throughput() != null) {
            return "throughput" + (t.throughput().operation() == null ? "" : " of " + t.throughput().operation());
        }
        return t.outcomeRate() != null ? t.outcomeRate().outcome() + " rate" : "error rate";
    }

    /** The stage's worst p95 over the previous stage's worst p95; null for the first stage. */
    private static Double growth(Summary s, StageStatus previous) {
        if (previous == null || previous.operations() == null) {
            return null;
        }
        double before = previous.operations().values().stream().map(LoadCampaignStatus.OperationResult::p95)
                .filter(Objects::nonNull).mapToDouble(p -> Double.parseDouble(p.replace("ms", ""))).max().orElse(Double.NaN);
        double now = s.operations().values().stream().map(o -> o.p95Ms()).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return Double.isNaN(before) || Double.isNaN(now) || before <= 0 ? null : now / before;
    }

    private static LoadCampaignStatus.Diagnosis toStatus(Diagnosis d) {
        return new LoadCampaignStatus.Diagnosis(d.cause().name(), d.message(), d.evidence(), d.errorSamples().stream()
                .map(x -> new LoadCampaignStatus.ErrorSample(x.operation(), x.outcome(), x.status() == 0 ? null : x.status(),
                        x.body(), x.count())).toList());
    }
}
