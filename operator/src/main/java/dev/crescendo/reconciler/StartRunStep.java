package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.RunSummary;
import dev.crescendo.campaign.CampaignValidator;
import dev.crescendo.campaign.OperatorPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A new spec generation (or the first): keeps a summary of the previous run, starts the next run
 * number and validates. An invalid spec ends in phase Invalid, naming the fields; nothing runs.
 */
final class StartRunStep implements CampaignStep {
    static final int HISTORY = 5;
    private final Clock clock;
    private final OperatorPolicy policy;

    StartRunStep(Clock clock, OperatorPolicy policy) {
        this.clock = clock;
        this.policy = policy;
    }

    @Override
    public Progress apply(LoadCampaign c, StatusDraft s, Context<LoadCampaign> context) {
        if (s.phase != null && s.run != null) {
            String last = s.stages.stream().filter(st -> st.verdict() != null
                    && (st.verdict().name().equals("PASSED") || st.verdict().name().equals("MARGINAL")))
                    .reduce((a, b) -> b).map(st -> st.name()).orElse(null);
            String started = s.stages.isEmpty() ? null : s.stages.get(0).startedAt();
            String finished = s.stages.isEmpty() ? null : s.stages.get(s.stages.size() - 1).finishedAt();
            List<RunSummary> history = new ArrayList<>();
            history.add(new RunSummary(s.run, s.observedGeneration, s.phase, s.verdict, started, finished, last));
            history.addAll(s.history);
            s.history = new ArrayList<>(history.subList(0, Math.min(HISTORY, history.size())));
        }
        s.run = s.run == null ? 1 : s.run + 1;
        s.observedGeneration = c.getMetadata().getGeneration();
        s.stages = new ArrayList<>();
        s.verdict = null;
        s.breach = null;
        s.diagnosis = null;
        s.capacity = null;
        s.preflight = null;
        s.currentStage = null;
        List<String> problems = new ArrayList<>(CampaignValidator.validate(c.getMetadata().getName(), c.getSpec()));
        if (problems.isEmpty()) {
            problems.addAll(policy.check(c.getSpec()));
        }
        if (!problems.isEmpty()) {
            s.phase = Phase.Invalid;
            s.message = String.join("; ", problems);
            return Progress.done();
        }
        s.phase = Phase.Preflight;
        s.message = "run " + s.run + ": checking the target before any load (" + clock.instant() + ")";
        return Progress.next();
    }
}
