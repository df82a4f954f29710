package dev.crescendo.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.StagePhase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.api.ProgressionSpec;
import dev.crescendo.campaign.ManifestReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The steps that need no cluster: starting a run, and waiting for approval. */
class StepsTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);

    private static LoadCampaign campaign() throws Exception {
        LoadCampaign c = ManifestReader.read(Path.of("src/test/resources/manifests/valid.yaml")).get(0).campaign();
        c.getMetadata().setGeneration(4L);
        return c;
    }

    private static StageStatus done(String name, Verdict v) {
        return new StageStatus(name, StagePhase.Completed, v, "job-" + name, "t0", "t1", 10L, 1.0, 0L, null, null, null, null, null, null);
    }

    @Test
    void aNewRunKeepsASummaryOfThePreviousOneAndStartsClean() throws Exception {
        StatusDraft s = new StatusDraft(null);
        s.run = 1;
        s.observedGeneration = 3L;
        s.phase = Phase.Halted;
        s.verdict = Verdict.FAILED;
        s.stages.add(done("smoke", Verdict.PASSED));
        s.stages.add(done("light", Verdict.FAILED));
        s.breach = new LoadCampaignStatus.Breach("light", "errors", "5%", "1%", "t", "t");

        Progress p = new StartRunStep(clock, dev.crescendo.campaign.OperatorPolicy.local(java.util.List.of("*.svc"))).apply(campaign(), s, null);

        assertThat(p.kind()).isEqualTo(Progress.Kind.CONTINUE);
        assertThat(s.run).isEqualTo(2);
        assertThat(s.phase).isEqualTo(Phase.Preflight);
        assertThat(s.stages).isEmpty();
        assertThat(s.breach).isNull();
        assertThat(s.verdict).isNull();
        assertThat(s.history).singleElement().satisfies(h -> {
            assertThat(h.run()).isEqualTo(1);
            assertThat(h.generation()).isEqualTo(3L);
            assertThat(h.phase()).isEqualTo(Phase.Halted);
            assertThat(h.lastPassedStage()).isEqualTo("smoke");
        });
    }

    @Test
    void historyIsShort() throws Exception {
        StatusDraft s = new StatusDraft(null);
        for (int i = 0; i < 8; i++) {
            s.phase = Phase.Succeeded;
            new StartRunStep(clock, dev.crescendo.campaign.OperatorPolicy.local(java.util.List.of("*.svc"))).apply(campaign(), s, null);
        }
        assertThat(s.history).hasSize(StartRunStep.HISTORY);
        assertThat(s.run).isEqualTo(8);
        assertThat(s.history.get(0).run()).isEqualTo(7);
    }

    @Test
    void anInvalidSpecEndsTheRunAsInvalid() throws Exception {
        LoadCampaign c = campaign();
        var sp = c.getSpec();
        c.setSpec(sp.withStages(java.util.List.of()));
        StatusDraft s = new StatusDraft(null);
        Progress p = new StartRunStep(clock, dev.crescendo.campaign.OperatorPolicy.local(java.util.List.of("*.svc"))).apply(c, s, null);
        assertThat(p.kind()).isEqualTo(Progress.Kind.DONE);
        assertThat(s.phase).isEqualTo(Phase.Invalid);
        assertThat(s.message).startsWith("spec.stages: at least one stage is required");
    }

    @Test
    void approvalWaitsUntilApprovedThroughReachesTheNextStage() throws Exception {
        LoadCampaign c = campaign();
        var sp = c.getSpec();
        StatusDraft s = new StatusDraft(null);
        s.phase = Phase.AwaitingApproval;
        s.currentStage = "medium";
        c.setSpec(sp.withProgression(new ProgressionSpec(ProgressionSpec.Mode.Manual, "light")));
        assertThat(new AwaitApprovalStep().apply(c, s, null).kind()).isEqualTo(Progress.Kind.DONE);
        assertThat(s.phase).isEqualTo(Phase.AwaitingApproval);
        assertThat(s.message).contains("approvedThrough to 'medium' or later");

        c.setSpec(sp.withProgression(new ProgressionSpec(ProgressionSpec.Mode.Manual, "peak")));
        assertThat(new AwaitApprovalStep().apply(c, s, null).kind()).isEqualTo(Progress.Kind.CONTINUE);
        assertThat(s.phase).isEqualTo(Phase.Running);
    }
}
