package dev.crescendo.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.loadgen.testing.TestTarget;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Campaigns against real loopback targets that fail in the ways the field reports did, and what the status says. */
class DiagnosisIT {
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

    @Test
    void aScenarioTheApiRejectsEndsWithClientErrorsQuotingTheBody() throws Exception {
        // Report 000: history pages with a made-up cursor next to real sends; the API answers 400 to those.
        campaigns.apply("cursors", """
                target: {baseUrl: %s}
                scenario:
                  variables: {cursor: {values: ["1700000000000"]}}
                  operations:
                    - {name: send, weight: 1, request: {method: POST, path: /messages, body: "{}"}, expect: {status: [201]}}
                    - {name: history, weight: 1, request: {path: "/messages?cursor=${cursor}"}, expect: {status: [200]}}
                stages:
                  - {name: smoke, vus: 2, duration: 20s}
                thresholds:
                  - {name: errors, errorRate: {}, fail: "5%%"}
                """.formatted(target.baseUrl()));
        LoadCampaignStatus s = campaigns.awaitEnd("cursors", Duration.ofSeconds(60));

        assertThat(s.phase()).as(s.message()).isEqualTo(Phase.Halted);
        assertThat(s.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(s.breach().threshold()).isEqualTo("errors");
        assertThat(s.diagnosis().cause()).isEqualTo("ClientErrors");
        assertThat(s.diagnosis().message()).contains("the scenario and the API disagree")
                .contains("cursor must be a message id, got 1700000000000");
        assertThat(s.diagnosis().errorSamples()).first().satisfies(x -> {
            assertThat(x.status()).isEqualTo(400);
            assertThat(x.operation()).isEqualTo("history");
        });
        assertThat(target.badCursors()).containsExactly("1700000000000");
    }

    @Test
    void aTargetThatStartsAnswering429EndsRateLimited() throws Exception {
        target.rateLimitAfter(300);
        campaigns.apply("limited", """
                target: {baseUrl: %s}
                scenario:
                  operations: [{name: get, request: {path: /limited}}]
                stages:
                  - {name: steady, vus: 2, duration: 30s}
                thresholds:
                  - {name: limited, outcomeRate: {outcome: rate_limited}, fail: "5%%"}
                """.formatted(target.baseUrl()));
        LoadCampaignStatus s = campaigns.awaitEnd("limited", Duration.ofSeconds(60));

        assertThat(s.phase()).as(s.message()).isEqualTo(Phase.Halted);
        assertThat(s.breach().threshold()).isEqualTo("limited");
        assertThat(s.diagnosis().cause()).isEqualTo("RateLimited");
        assertThat(s.diagnosis().message()).contains("rate limit exceeded: 300 requests per API key");
        assertThat(s.stages().get(0).outcomes()).containsKeys("ok", "rate_limited");
        // It stopped soon after the limiter kicked in, not at the end of the 30 s stage.
        var stage = s.stages().get(0);
        assertThat(Duration.between(java.time.Instant.parse(stage.startedAt()), java.time.Instant.parse(stage.finishedAt())))
                .isLessThan(Duration.ofSeconds(20));
        assertThat(s.stages().get(0).phase()).isEqualTo(LoadCampaignStatus.StagePhase.Halted);
    }
}
