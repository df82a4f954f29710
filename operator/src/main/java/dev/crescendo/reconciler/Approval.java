package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.ProgressionSpec;

/** Manual progression: a stage may start when {@code approvedThrough} names it or a later stage. */
final class Approval {
    private Approval() {}

    static boolean approved(LoadCampaignSpec spec, int stageIndex) {
        ProgressionSpec p = spec.progression();
        if (p == null || p.mode() != ProgressionSpec.Mode.Manual) {
            return true;
        }
        if (p.approvedThrough() == null) {
            return false;
        }
        for (int i = 0; i < spec.stages().size(); i++) {
            if (spec.stages().get(i).name().equals(p.approvedThrough())) {
                return i >= stageIndex;
            }
        }
        return false;
    }

    static int indexOf(LoadCampaignSpec spec, String stage) {
        for (int i = 0; i < spec.stages().size(); i++) {
            if (spec.stages().get(i).name().equals(stage)) {
                return i;
            }
        }
        return -1;
    }
}
