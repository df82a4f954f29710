package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.campaign.CapacityModel;
import dev.crescendo.loadgen.config.StageConfig.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The campaign's capacity summary from the stages it measured. */
final class StageCapacity {
    private StageCapacity() {}

    /** @param failedStage the stage that ended the campaign, or null when it succeeded */
    static LoadCampaignStatus.Capacity of(LoadCampaignSpec spec, List<StageStatus> stages, String failedStage) {
        List<CapacityModel.StagePoint> points = new ArrayList<>();
        for (StageStatus st : stages) {
            StageSpec declared = spec.stages().stream().filter(s -> s.name().equals(st.name())).findFirst().orElse(null);
            if (declared == null || st.requests() == null || st.throughputPerSecond() == null) {
                continue;
            }
            double load = declared.vus() != null ? declared.vus() : declared.arrivalRate();
            String unit = declared.vus() != null ? "VUs" : "req/s";
            Double p95 = st.operations() == null ? null : st.operations().values().stream()
                    .map(LoadCampaignStatus.OperationResult::p95).filter(Objects::nonNull)
                    .mapToDouble(p -> Double.parseDouble(p.replace("ms", ""))).boxed().max(Double::compare).orElse(null);
            boolean passed = st.verdict() == Verdict.PASSED || st.verdict() == Verdict.MARGINAL;
            points.add(new CapacityModel.StagePoint(st.name(), load, unit, st.throughputPerSecond(), p95, passed, st.poolUtilisation()));
        }
        CapacityModel.Capacity m = CapacityModel.analyse(points);
        String firstFailed = m.firstFailedStage() != null ? m.firstFailedStage() : failedStage;
        String summary = m.summary();
        if (failedStage != null && points.stream().noneMatch(p -> p.name().equals(failedStage))) {
            summary += "; " + failedStage + " produced no measurement";
        }
        List<LoadCampaignStatus.StageScaling> scaling = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            CapacityModel.StagePoint p = points.get(i);
            scaling.add(new LoadCampaignStatus.StageScaling(p.name(), p.load(), p.unit(), p.throughput(), m.efficiency().get(i),
                    p.p95Ms() == null ? null : StageResults.ms(p.p95Ms()), p.poolUtilisation()));
        }
        return new LoadCampaignStatus.Capacity(m.lastPassedStage(), firstFailed, m.linearThrough(), m.latencyGrowth(), m.poolFullAt(),
                summary, scaling.isEmpty() ? null : scaling);
    }
}
