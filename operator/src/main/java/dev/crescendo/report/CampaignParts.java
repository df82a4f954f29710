package dev.crescendo.report;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.loadgen.config.StageConfig.StageSpec;
import java.util.List;
import java.util.Objects;

/**
 * Null-safe access to the parts of a campaign the report reads: a campaign that never ran has no
 * stages, an Invalid one may lack half its spec, and the report must still render.
 */
final class CampaignParts {
    private CampaignParts() {}

    static List<StageStatus> stages(LoadCampaign c) {
        LoadCampaignStatus s = c.getStatus();
        return s == null || s.stages() == null ? List.of() : s.stages().stream().filter(Objects::nonNull).toList();
    }

    static List<StageSpec> specStages(LoadCampaign c) {
        LoadCampaignSpec spec = c.getSpec();
        return spec == null || spec.stages() == null ? List.of()
                : spec.stages().stream().filter(st -> st != null && st.name() != null).toList();
    }

    static StageSpec specStage(LoadCampaign c, String name) {
        return specStages(c).stream().filter(st -> st.name().equals(name)).findFirst().orElse(null);
    }

    static List<ThresholdSpec> thresholds(LoadCampaign c) {
        LoadCampaignSpec spec = c.getSpec();
        return spec == null || spec.thresholds() == null ? List.of()
                : spec.thresholds().stream().filter(Objects::nonNull).toList();
    }
}
