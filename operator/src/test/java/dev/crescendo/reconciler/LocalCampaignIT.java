package dev.crescendo.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.api.LoadCampaignSpec;
import dev.crescendo.api.ProgressionSpec;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.loadgen.testing.TestTarget;
import dev.crescendo.local.LocalCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real operator on the embedded API server (Fabric8 mock, CRUD) with the local job runner and a
 * real loopback target: the path `crescendo run` takes, and the one a cluster takes but for the API.
 */
class LocalCampaignIT {
    static final String NS = LocalCampaigns.NS;
    TestTarget target;
    LocalCampaigns campaigns;
    LocalCluster cluster;

    @BeforeEach
    void start() throws Exception {
        target = new TestTarget();
        campaigns = new LocalCampaigns();
        cluster = campaigns.cluster;
    }

    @AfterEach
    void stop() {
        campaigns.close();
        target.close();
    }

    private LoadCampaign apply(String name, String spec) throws Exception {
        return campaigns.apply(name, spec);
    }

    private LoadCampaignStatus awaitPhase(String name, Phase... phases) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            LoadCampaign c = cluster.get(NS, name);
            return c.getStatus() != null && List.of(phases).contains(c.getStatus().phase());
        });
        return cluster.get(NS, name).getStatus();
    }

    private List<Job> jobs(String campaign) {
        return cluster.client().batch().v1().jobs().inNamespace(NS).withLabel("crescendo.dev/campaign", campaign).list().getItems();
    }

    private static String condition(LoadCampaignStatus s, String type) {
        return s.conditions().stream().filter(c -> c.getType().equals(type)).map(Condition::getStatus).findFirst().orElseThrow();
    }

    /** A campaign that GETs /ok, with the given {@code stages:} value. */
    private String okCampaign(String stages) {
        return """
                target: {baseUrl: %s}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages: %s
                """.formatted(target.baseUrl(), stages.strip().startsWith("-") ? "\n" + stages.strip().indent(2) : stages.strip());
    }

    private String threeStages(String extra) {
        return """
                target:
                  baseUrl: %s
                  preflight: {path: /ok, expectBody: {jsonPath: "$.status", equals: ok}}
                scenario:
                  operations:
                    - {name: send, weight: 3, request: {method: POST, path: /messages, body: "{}"}, expect: {status: [201]}, extract: {messageId: "$.message.id"}}
                    - {name: history, weight: 1, request: {path: "/messages?cursor=${messageId}"}, expect: {status: [200]}}
                stages:
                  - {name: smoke, vus: 2, duration: 1s}
                  - {name: light, vus: 4, duration: 1s}
                  - {name: medium, arrivalRate: 100, duration: 1s}
                thresholds:
                  - {name: errors, errorRate: {}, fail: "1%%"}
                  - {name: send-p95, latency: {operation: send, percentile: 95}, warn: 1ms, fail: 5s}
                """.formatted(target.baseUrl()) + extra;
    }

    @Test
    void aThreeStageCampaignRunsInOrderWithResultsInStatus() throws Exception {
        apply("chat", threeStages(""));
        LoadCampaignStatus s = awaitPhase("chat", Phase.Succeeded, Phase.Failed, Phase.Halted, Phase.Invalid);

        assertThat(s.phase()).as(s.message()).isEqualTo(Phase.Succeeded);
        assertThat(s.verdict()).isIn(Verdict.PASSED, Verdict.MARGINAL);
        assertThat(s.preflight().passed()).isTrue();
        assertThat(s.stages()).extracting(StageStatus::name).containsExactly("smoke", "light", "medium");
        for (StageStatus st : s.stages()) {
            assertThat(st.phase()).isEqualTo(LoadCampaignStatus.StagePhase.Completed);
            assertThat(st.requests()).isPositive();
            assertThat(st.outcomes().get("ok")).isEqualTo(st.requests());
            assertThat(st.operations().get("send").p95()).endsWith("ms");
            assertThat(st.thresholds()).extracting(LoadCampaignStatus.ThresholdResult::name).containsExactly("errors", "send-p95");
            assertThat(st.jobName()).isEqualTo("chat-r1-" + st.name());
        }
        // stages ran one after another
        assertThat(s.stages().get(0).finishedAt()).isLessThanOrEqualTo(s.stages().get(1).startedAt());
        assertThat(s.stages().get(1).finishedAt()).isLessThanOrEqualTo(s.stages().get(2).startedAt());
        assertThat(target.badCursors()).isEmpty();
        assertThat(jobs("chat")).hasSize(3);
        assertThat(condition(s, "Succeeded")).isEqualTo("True");
        assertThat(s.capacity().lastPassedStage()).isEqualTo("medium");
        assertThat(s.capacity().firstFailedStage()).isNull();
        assertThat(s.capacity().latencyGrowthFactor()).isPositive();
        assertThat(s.capacity().summary()).contains("last passed: medium");
        assertThat(condition(s, "Progressing")).isEqualTo("False");
        assertThat(s.conditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(1L));
        assertThat(s.observedGeneration()).isEqualTo(1L);
        assertThat(s.run()).isEqualTo(1);
        List<String> reasons = cluster.client().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals("chat")).map(e -> e.getReason()).toList();
        assertThat(reasons).contains("StageStarted", "StageFinished", "CampaignSucceeded");
        assertThat(reasons.stream().filter("StageFinished"::equals)).hasSize(3);
    }

    @Test
    void aClosedPortFailsPreflightAndNoJobIsCreated() throws Exception {
        apply("dead", """
                target: {baseUrl: "http://127.0.0.1:%d"}
                scenario:
                  operations: [{name: get, request: {path: /}}]
                stages: [{name: smoke, vus: 120, duration: 10m}]
                """.formatted(TestTarget.closedPort()));
        LoadCampaignStatus s = awaitPhase("dead", Phase.Failed);
        assertThat(s.diagnosis().cause()).isEqualTo("TargetUnreachable");
        assertThat(s.preflight().passed()).isFalse();
        assertThat(s.preflight().message()).contains("connection refused");
        assertThat(jobs("dead")).isEmpty();
        assertThat(condition(s, "Failed")).isEqualTo("True");
    }

    @Test
    void anUnreachablePrometheusFailsPreflightWhenThresholdsNeedIt() throws Exception {
        apply("noprom", """
                target: {baseUrl: %s}
                prometheus: {url: "http://127.0.0.1:%d"}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages: [{name: smoke, vus: 1, duration: 1s}]
                thresholds: [{name: pool, promql: "max(hikaricp_connections_active)", fail: 0.9}]
                """.formatted(target.baseUrl(), TestTarget.closedPort()));
        LoadCampaignStatus s = awaitPhase("noprom", Phase.Failed);
        assertThat(s.diagnosis().cause()).isEqualTo("MetricsUnavailable");
        assertThat(s.diagnosis().message()).contains("cannot be reached");
        assertThat(jobs("noprom")).isEmpty();
    }

    @Test
    void aMissingPrometheusTokenSecretIsNamedWithoutRunning() throws Exception {
        apply("notoken", """
                target: {baseUrl: %s}
                prometheus: {url: "http://127.0.0.1:9", bearerTokenSecretRef: {name: prom-token, key: token}}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages: [{name: smoke, vus: 1, duration: 1s}]
                thresholds: [{name: pool, promql: "up", fail: 0.9}]
                """.formatted(target.baseUrl()));
        LoadCampaignStatus s = awaitPhase("notoken", Phase.Failed);
        assertThat(s.message()).contains("Secret prom-token (key token) does not exist in namespace perf");
        assertThat(jobs("notoken")).isEmpty();
    }

    @Test
    void aDegradedHealthBodyFailsPreflight() throws Exception {
        apply("degraded", """
                target:
                  baseUrl: %s
                  preflight: {path: /health/degraded, expectBody: {jsonPath: "$.status", equals: ok}}
                scenario:
                  operations: [{name: get, request: {path: /ok}}]
                stages: [{name: smoke, vus: 1, duration: 1s}]
                """.formatted(target.baseUrl()));
        LoadCampaignStatus s = awaitPhase("degraded", Phase.Failed);
        assertThat(s.diagnosis().cause()).isEqualTo("PreflightFailed");
        assertThat(s.diagnosis().message()).contains("$.status is 'degraded', expected 'ok'");
        assertThat(jobs("degraded")).isEmpty();
    }

    @Test
    void aFailingStageStopsTheCampaign() throws Exception {
        apply("errors", """
                target: {baseUrl: %s}
                scenario:
                  operations: [{name: broken, request: {path: /unavailable}}]
                stages:
                  - {name: smoke, vus: 2, duration: 20s}
                  - {name: light, vus: 4, duration: 1s}
                thresholds:
                  - {name: errors, errorRate: {}, fail: "1%%"}
                """.formatted(target.baseUrl()));
        LoadCampaignStatus s = awaitPhase("errors", Phase.Failed, Phase.Halted, Phase.Succeeded);
        assertThat(s.phase()).isEqualTo(Phase.Halted);
        assertThat(s.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(s.stages()).extracting(StageStatus::name).containsExactly("smoke");
        assertThat(s.breach().threshold()).isEqualTo("errors");
        assertThat(s.breach().stage()).isEqualTo("smoke");
        assertThat(s.diagnosis().cause()).isEqualTo("ServerErrors");
        assertThat(s.capacity().firstFailedStage()).isEqualTo("smoke");
        assertThat(s.capacity().lastPassedStage()).isNull();
        assertThat(s.capacity().summary()).contains("no stage passed").contains("first failed: smoke");
        assertThat(s.diagnosis().message()).contains("backend unavailable");
        assertThat(s.diagnosis().errorSamples()).first().satisfies(x -> assertThat(x.status()).isEqualTo(503));
        assertThat(jobs("errors")).extracting(j -> j.getMetadata().getName()).containsExactly("errors-r1-smoke");
        assertThat(condition(s, "Halted")).isEqualTo("True");
    }

    @Test
    void manualProgressionWaitsForApprovalAndResumes() throws Exception {
        apply("gated", threeStages("progression: {mode: Manual, approvedThrough: smoke}\n"));
        LoadCampaignStatus waiting = awaitPhase("gated", Phase.AwaitingApproval);
        assertThat(waiting.currentStage()).isEqualTo("light");
        assertThat(waiting.stages()).extracting(StageStatus::name).containsExactly("smoke");
        assertThat(jobs("gated")).hasSize(1);
        assertThat(condition(waiting, "AwaitingApproval")).isEqualTo("True");

        // As `kubectl apply`/`patch` would: a merge patch, no resourceVersion to race the operator's status writes.
        cluster.client().resources(LoadCampaign.class).inNamespace(NS).withName("gated").patch(
                PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"progression\":{\"mode\":\"Manual\",\"approvedThrough\":\"medium\"}}}");
        LoadCampaignStatus done = awaitPhase("gated", Phase.Succeeded, Phase.Failed, Phase.Halted);
        assertThat(done.phase()).isEqualTo(Phase.Succeeded);
        assertThat(done.run()).as("approving continues the run").isEqualTo(1);
        assertThat(done.stages()).extracting(StageStatus::name).containsExactly("smoke", "light", "medium");
    }

    @Test
    void aRestartedOperatorResumesWithoutADuplicateJob() throws Exception {
        apply("restart", okCampaign("""
                - {name: smoke, vus: 2, duration: 3s}
                - {name: light, vus: 2, duration: 1s}
                """));
        await().atMost(Duration.ofSeconds(30)).until(() -> !jobs("restart").isEmpty());
        cluster.stopOperator();
        cluster.startOperator();
        LoadCampaignStatus s = awaitPhase("restart", Phase.Succeeded, Phase.Failed, Phase.Halted);
        assertThat(s.phase()).isEqualTo(Phase.Succeeded);
        assertThat(jobs("restart")).extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrder("restart-r1-smoke", "restart-r1-light");
        assertThat(s.stages()).extracting(StageStatus::name).containsExactly("smoke", "light");
    }

    @Test
    void aStageWhoseJobIsDeletedFailsAndIsNotRunAgain() throws Exception {
        apply("cut", okCampaign("[{name: soak, vus: 2, duration: 10m}, {name: after, vus: 1, duration: 1s}]"));
        await().atMost(Duration.ofSeconds(30)).until(() -> target.hits("/ok") > 10
                && cluster.get(NS, "cut").getStatus().stages() != null);
        cluster.client().batch().v1().jobs().inNamespace(NS).withName("cut-r1-soak").delete();
        LoadCampaignStatus s = awaitPhase("cut", Phase.Failed, Phase.Succeeded);
        assertThat(s.phase()).isEqualTo(Phase.Failed);
        assertThat(s.message()).contains("Job cut-r1-soak was deleted while the stage ran");
        assertThat(s.diagnosis().cause()).isEqualTo("LoadGeneratorFailure");
        assertThat(jobs("cut")).isEmpty();
    }

    @Test
    void aSpecChangeStartsANewRunAndKeepsTheLastOneInHistory() throws Exception {
        apply("rerun", okCampaign("[{name: smoke, vus: 1, duration: 1s}]"));
        awaitPhase("rerun", Phase.Succeeded);
        // An update, not a merge patch: the mock server appends to arrays on merge patches (RFC 7386 replaces them).
        LoadCampaign c = cluster.get(NS, "rerun");
        c.setSpec(c.getSpec().withStages(List.of(new dev.crescendo.loadgen.config.StageConfig.StageSpec("smoke", 2, null, "1s",
                null, null, null))));
        cluster.client().resource(c).update();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            LoadCampaignStatus s = cluster.get(NS, "rerun").getStatus();
            return s.run() == 2 && s.phase() == Phase.Succeeded;
        });
        LoadCampaignStatus s = cluster.get(NS, "rerun").getStatus();
        assertThat(s.observedGeneration()).isEqualTo(2L);
        assertThat(s.history()).singleElement().satisfies(h -> {
            assertThat(h.run()).isEqualTo(1);
            assertThat(h.phase()).isEqualTo(Phase.Succeeded);
            assertThat(h.lastPassedStage()).isEqualTo("smoke");
        });
        assertThat(jobs("rerun")).extracting(j -> j.getMetadata().getName()).containsExactlyInAnyOrder("rerun-r1-smoke", "rerun-r2-smoke");
    }

    @Test
    void anInvalidSpecEndsInvalidNamingTheFieldAndRunsNothing() throws Exception {
        LoadCampaign c = ManifestReader.parse("""
                apiVersion: crescendo.dev/v1alpha1
                kind: LoadCampaign
                metadata: {name: broken, namespace: perf}
                spec:
                  target: {baseUrl: %s}
                  scenario:
                    operations: [{name: get, request: {path: /ok}}]
                  stages: [{name: smoke, vus: 5, duration: 30x}]
                """.formatted(target.baseUrl())).get(0).campaign();
        cluster.client().resource(c).create();
        LoadCampaignStatus s = awaitPhase("broken", Phase.Invalid);
        assertThat(s.message()).contains("spec.stages[0].duration: invalid duration '30x'");
        assertThat(condition(s, "Invalid")).isEqualTo("True");
        assertThat(jobs("broken")).isEmpty();
    }

    @Test
    void deletingTheCampaignRemovesItsJobsAndStopsTheLoad() throws Exception {
        apply("doomed", okCampaign("[{name: soak, vus: 2, duration: 10m}]"));
        await().atMost(Duration.ofSeconds(30)).until(() -> target.hits("/ok") > 10);
        cluster.client().resource(cluster.get(NS, "doomed")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs("doomed").isEmpty());
        long afterDelete = target.hits("/ok");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> target.hits("/ok") - afterDelete < 20);
    }
}
