package dev.crescendo.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.StagePhase;
import dev.crescendo.loadgen.testing.TestTarget;
import java.time.Duration;
import java.time.Instant;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kill switch: annotating a running campaign halts it at once; the load stops and the status says who stopped it. */
class KillSwitchIT {
    TestTarget target;
    LocalCampaigns campaigns;

    @BeforeEach
    void start() throws Exception {
        target = new TestTarget();
        campaigns = new LocalCampaigns();
    }

    @AfterEach
    void stop() {
        campaigns.close();
        target.close();
    }

    private void annotate(String name, String reason) {
        // What `kubectl annotate` sends: a merge patch without resourceVersion, so it never races the operator's status writes.
        campaigns.cluster.client().resources(LoadCampaign.class).inNamespace(LocalCampaigns.NS).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("metadata",
                        Map.of("annotations", Map.of("crescendo.dev/halt", reason)))));
    }

    @Test
    void theAnnotationHaltsARunningStageAtOnce() throws Exception {
        campaigns.apply("long", """
                target: {baseUrl: %s}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages:
                  - {name: soak, vus: 2, duration: 60s}
                  - {name: after, vus: 2, duration: 1s}
                """.formatted(target.baseUrl()));
        campaigns.awaitStatus("long", Duration.ofSeconds(30), s -> s.stages() != null && s.stages().get(0).requests() != null);
        Instant pulled = Instant.now();
        annotate("long", "payments team is deploying");
        LoadCampaignStatus s = campaigns.awaitEnd("long", Duration.ofSeconds(30));
        long sentBefore = target.hits("/ok");

        assertThat(s.phase()).isEqualTo(Phase.Halted);
        assertThat(s.breach().threshold()).isEqualTo("kill-switch");
        assertThat(s.breach().loadStoppedAt()).isNotNull();
        assertThat(Instant.parse(s.breach().detectedAt())).isAfterOrEqualTo(pulled.minusSeconds(1));
        assertThat(s.message()).contains("halted by the kill switch (annotation crescendo.dev/halt: payments team is deploying)");
        assertThat(s.stages()).hasSize(1);
        assertThat(s.stages().get(0).phase()).isEqualTo(StagePhase.Halted);
        assertThat(s.diagnosis()).isNull();
        assertThat(target.hits("/ok")).isEqualTo(sentBefore); // nothing is sent after the halt was recorded
    }

    @Test
    void aCampaignWaitingForApprovalJustEndsHalted() throws Exception {
        campaigns.apply("manual", """
                target: {baseUrl: %s}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages:
                  - {name: smoke, vus: 1, duration: 1s}
                  - {name: light, vus: 2, duration: 1s}
                progression: {mode: Manual, approvedThrough: smoke}
                """.formatted(target.baseUrl()));
        campaigns.awaitStatus("manual", Duration.ofSeconds(30), s -> s.phase() == Phase.AwaitingApproval);
        annotate("manual", "");
        LoadCampaignStatus s = campaigns.awaitEnd("manual", Duration.ofSeconds(30));
        assertThat(s.phase()).isEqualTo(Phase.Halted);
        assertThat(s.message()).isEqualTo("halted by the kill switch (annotation crescendo.dev/halt)");
        assertThat(s.stages()).hasSize(1);
    }
}
