package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** Waits in AwaitingApproval until {@code approvedThrough} reaches the next stage (an edit of the spec wakes it). */
final class AwaitApprovalStep implements CampaignStep {
    @Override
    public Progress apply(LoadCampaign c, StatusDraft s, Context<LoadCampaign> context) {
        int next = Approval.indexOf(c.getSpec(), s.currentStage);
        if (next < 0 || !Approval.approved(c.getSpec(), next)) {
            s.message = "waiting for approval: set spec.progression.approvedThrough to '" + s.currentStage + "' or later";
            return Progress.done();
        }
        s.phase = Phase.Running;
        s.message = "stage " + s.currentStage + " approved";
        return Progress.next();
    }
}
