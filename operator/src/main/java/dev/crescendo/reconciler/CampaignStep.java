package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** One phase's work: looks at the campaign and the cluster, updates the draft status, says what next. */
interface CampaignStep {
    Progress apply(LoadCampaign campaign, StatusDraft status, Context<LoadCampaign> context);
}
