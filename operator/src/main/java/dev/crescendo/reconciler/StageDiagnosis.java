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

    static LoadCampaignStatus.Diagnosis of(LoadCampaignSpec spec, Summary summary, StageStatus previous, boolean passed) {
        return DiagnosisRules.diagnose(evidence(spec, summary, previous), passed).map(StageDiagnosis::toStatus).orElse(null);
    }

    static StageEvidence evidence(LoadCampaignSpec spec, Summary s, StageStatus previous) {
        List<StageEvidence.Sample> samples = s.errorSamples() == null ? List.of() : s.errorSamples().stream()
                .map(x -> new StageEvidence.Sample(x.operation(), x.outcome(), x.status(), x.body(), x.count())).toList();
        List<StageEvidence.ThresholdReading> thresholds = s.thresholds() == null ? List.of() : s.thresholds().stream()
                .map(t -> reading(spec, t)).toList();
        return new StageEvidence(s.stage(), s.requests(), s.outcomes(), samples, thresholds, growth(s, previous), null, null);
    }

    private static StageEvidence.ThresholdReading reading(LoadCampaignSpec spec, dev.crescendo.loadgen.threshold.ThresholdResult t) {
        ThresholdSpec declared = spec.thresholds() == null ? null
                : spec.thresholds().stream().filter(x -> x.name().equals(t.name())).findFirst().orElse(null);
        boolean latency = declared != null && declared.latency() != null;
        String subject = declared == null ? t.name()
                : latency ? "p" + declared.latency().percentile() + " latency"
                + (declared.latency().operation() == null ? "" : " of " + declared.latency().operation())
                : declared.promql() != null ? declared.promql()
                : declared.outcomeRate() != null ? declared.outcomeRate().outcome() + " rate" : "error rate";
        return new StageEvidence.ThresholdReading(t.name(), subject, latency, t.observed(), t.fail(),
                t.verdict() == dev.crescendo.loadgen.threshold.Verdict.FAILED);
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
