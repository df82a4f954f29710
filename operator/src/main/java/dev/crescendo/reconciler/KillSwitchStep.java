package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.campaign.JobNames;
import dev.crescendo.campaign.StageWatch;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Set;

/**
 * The kill switch: the annotation {@code crescendo.dev/halt} (its value is the reason) halts a
 * campaign at once. A running stage is stopped like a breach — its Job deleted, the halt recorded
 * with its times — and a campaign between stages just ends Halted.
 */
final class KillSwitchStep implements CampaignStep {
    static final String ANNOTATION = "crescendo.dev/halt";
    static final String THRESHOLD = "kill-switch";
    private static final Set<Phase> STOPPABLE = Set.of(Phase.Pending, Phase.Preflight, Phase.Running, Phase.AwaitingApproval);

    private final LiveEvaluation live;
    private final CampaignEvents events;

    KillSwitchStep(LiveEvaluation live, CampaignEvents events) {
        this.live = live;
        this.events = events;
    }

    /** True when the annotation is set on a campaign that is still going and not already halting. */
    static boolean applies(LoadCampaign c, StatusDraft s) {
        var annotations = c.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(ANNOTATION) && s.phase != null && STOPPABLE.contains(s.phase)
                && s.breach == null;
    }

    @Override
    public Progress apply(LoadCampaign c, StatusDraft s, Context<LoadCampaign> context) {
        String value = c.getMetadata().getAnnotations().get(ANNOTATION);
        String reason = "halted by the kill switch (annotation " + ANNOTATION
                + (value == null || value.isBlank() ? "" : ": " + value.strip()) + ")";
        if (s.phase == Phase.Running && s.currentStage != null) {
            String jobName = JobNames.of(c.getMetadata().getName(), s.run, s.currentStage);
            return live.halt(c, s, jobName, new StageWatch.Halt(THRESHOLD, "requested", "annotation " + ANNOTATION, reason, false),
                    context.getClient());
        }
        s.phase = Phase.Halted;
        s.verdict = Verdict.FAILED;
        s.message = reason;
        events.warning(c, "CampaignHalted", reason);
        return Progress.done();
    }
}
