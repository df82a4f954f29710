package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.campaign.Level;
import dev.crescendo.campaign.StageEvidence;

/** How a campaign ends on a bad stage, and the pieces of a stage's end both ways of ending share. */
final class CampaignEnd {
    private CampaignEnd() {}

    /** Ends the campaign FAILED in {@code phase} (Failed or Halted) with the capacity measured so far. */
    static void failed(LoadCampaign c, StatusDraft s, Phase phase, String message, CampaignEvents events) {
        s.phase = phase;
        s.verdict = Verdict.FAILED;
        s.message = message;
        s.capacity = StageCapacity.of(c.getSpec(), s.stages, s.currentStage);
        events.warning(c, phase == Phase.Halted ? "CampaignHalted" : "CampaignFailed", message);
    }

    /** The stage before {@code index}, for latency growth; null for the first. */
    static StageStatus previous(LoadCampaignSpec spec, StatusDraft s, int index) {
        return index == 0 ? null : s.stage(spec.stages().get(index - 1).name());
    }

    /**
     * The campaign's connection-pool threshold, if any: recognised by name or query (pool,
     * connections) with a fail level that is a utilisation (at most 1). Its mean per stage feeds
     * the pool extrapolation.
     */
    static ThresholdSpec poolThreshold(LoadCampaignSpec spec) {
        if (spec.thresholds() == null) {
            return null;
        }
        for (ThresholdSpec t : spec.thresholds()) {
            if (t.isGeneratorSide() || t.throughput() != null) {
                continue;
            }
            boolean pool = new StageEvidence.ThresholdReading(t.name(), StageDiagnosis.subject(t), false, null, null, false).isPool();
            if (pool && Level.parse(t.fail(), Level.Unit.NUMBER).value() <= 1.0) {
                return t;
            }
        }
        return null;
    }

    static Double poolUtilisation(LoadCampaignSpec spec, StageMonitor m) {
        ThresholdSpec pool = poolThreshold(spec);
        Double mean = pool == null || m == null ? null : m.watch.mean(pool.name());
        return mean == null ? null : Math.round(mean * 1000) / 1000.0;
    }
}
