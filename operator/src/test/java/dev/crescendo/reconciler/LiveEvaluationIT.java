package dev.crescendo.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.StagePhase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.demo.DemoTarget;
import dev.crescendo.demo.DemoTargetOptions;
import dev.crescendo.testing.PrometheusServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator watching running stages (issue 4): a real demo target whose HikariCP pool (4
 * connections, 20 ms per query) saturates as load grows, read through a real Prometheus server
 * (1 s scrapes) or straight from the target's /metrics, the real load generator, the local runner.
 */
class LiveEvaluationIT {
    static final String POOL_QUERY =
            "max(hikaricp_connections_active{job=\"demo\"}) / max(hikaricp_connections_max{job=\"demo\"})";
    DemoTarget target;
    LocalCampaigns campaigns;
    PrometheusServer prometheus;

    @BeforeEach
    void start() throws Exception {
        target = DemoTarget.start(DemoTargetOptions.defaults().withPort(0).withPoolSize(4)
                .withQueryCost(Duration.ofMillis(20)).withPoolTimeout(Duration.ofSeconds(5)));
        campaigns = new LocalCampaigns();
    }

    @AfterEach
    void stop() {
        campaigns.close();
        if (prometheus != null) {
            prometheus.close();
        }
        target.close();
    }

    private PrometheusServer prometheus() throws Exception {
        prometheus = PrometheusServer.start(PrometheusServer.ScrapeTarget.of("demo", URI.create(target.baseUrl() + "/metrics")));
        prometheus.awaitTargetUp("demo");
        return prometheus;
    }

    /** smoke (1 VU) and light (2 VUs) stay well inside a pool of 4; heavy (16 VUs) saturates it at once. */
    private String chatCampaign(String extra, String thresholds) {
        return """
                target:
                  baseUrl: %s
                  preflight: {path: /api/v1/health, expectBody: {jsonPath: "$.status", equals: ok}}
                scenario:
                  operations:
                    - name: send
                      weight: 7
                      request: {method: POST, path: /api/v1/conversations/c1/messages, body: '{"text":"hello"}', headers: {Content-Type: application/json}}
                      expect: {status: [201]}
                      extract: {cursor: "$.id"}
                    - name: history
                      weight: 3
                      request: {path: "/api/v1/conversations/c1/messages?limit=20&cursor=${cursor}"}
                      expect: {status: [200]}
                stages:
                  - {name: smoke, vus: 1, duration: 4s}
                  - {name: light, vus: 2, duration: 4s}
                  - {name: heavy, vus: 16, duration: 40s}
                halt: {evaluationInterval: 1s, window: 2s}
                %s
                thresholds:
                  - {name: errors, errorRate: {}, fail: "5%%"}
                %s
                """.formatted(target.baseUrl(), extra, thresholds.indent(2));
    }

    private void assertHaltedOnPoolSaturation(LoadCampaignStatus s) {
        assertThat(s.phase()).as(s.message()).isEqualTo(Phase.Halted);
        assertThat(s.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(s.stages()).extracting(StageStatus::name).containsExactly("smoke", "light", "heavy");
        for (StageStatus early : s.stages().subList(0, 2)) {
            assertThat(early.phase()).isEqualTo(StagePhase.Completed);
            assertThat(early.verdict()).as(early.name() + ": " + early.message()).isIn(Verdict.PASSED, Verdict.MARGINAL);
            assertThat(early.thresholds()).extracting(LoadCampaignStatus.ThresholdResult::name).contains("pool");
            assertThat(early.poolUtilisation()).isBetween(0.0, 0.75);
        }
        StageStatus heavy = s.stages().get(2);
        assertThat(heavy.phase()).isEqualTo(StagePhase.Halted);
        assertThat(heavy.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(heavy.requests()).isPositive();

        LoadCampaignStatus.Breach breach = s.breach();
        assertThat(breach.stage()).isEqualTo("heavy");
        assertThat(breach.threshold()).isEqualTo("pool");
        assertThat(Double.parseDouble(breach.observed())).isGreaterThan(0.95);
        assertThat(breach.limit()).isEqualTo("above 0.95");
        Instant detected = Instant.parse(breach.detectedAt());
        Instant stopped = Instant.parse(breach.loadStoppedAt());
        assertThat(stopped).isAfterOrEqualTo(detected);
        // Halted within seconds of the saturation, long before the 40 s stage would have ended.
        assertThat(Duration.between(Instant.parse(heavy.startedAt()), detected)).isLessThan(Duration.ofSeconds(20));
        // The target saw its last request no later than the status says the load stopped.
        assertThat(target.lastRequestAt()).isPresent();
        assertThat(target.lastRequestAt().get()).isBeforeOrEqualTo(stopped);
        assertThat(target.poolSaturatedSince()).isPresent();

        assertThat(s.diagnosis().cause()).as(s.diagnosis().message()).isEqualTo("PoolSaturation");
        assertThat(s.diagnosis().message()).contains("connection pool saturated").contains("pool");
        assertThat(s.capacity().lastPassedStage()).isEqualTo("light");
        assertThat(s.capacity().firstFailedStage()).isEqualTo("heavy");
        assertThat(s.capacity().poolFullAt()).isNotNull().isPositive();
        assertThat(s.capacity().summary()).contains("pool would be full");
        assertThat(s.capacity().scaling()).extracting(LoadCampaignStatus.StageScaling::stage)
                .containsExactly("smoke", "light", "heavy");
        assertThat(s.capacity().scaling().get(0).efficiency()).isEqualTo(1.0);
    }

    @Test
    void aSaturatingPoolSeenThroughPrometheusHaltsTheStageWithPoolSaturation() throws Exception {
        prometheus();
        campaigns.apply("chat", chatCampaign("prometheus: {url: " + prometheus.url() + "}",
                "- {name: pool, promql: '" + POOL_QUERY + "', warn: 0.75, fail: 0.95, for: 2s}"));
        LoadCampaignStatus s = campaigns.awaitEnd("chat", Duration.ofSeconds(90));

        assertHaltedOnPoolSaturation(s);
        assertThat(s.preflight().message()).contains("1 threshold query finds its series");
    }

    @Test
    void theSameWithTheScrapeSourceAndNoPrometheus() throws Exception {
        campaigns.apply("chat", chatCampaign("", """
                - {name: pool, scrape: {url: %s/metrics, metric: hikaricp_connections_active, ratioTo: hikaricp_connections_max}, warn: 0.75, fail: 0.95, for: 2s}
                - {name: throughput, throughput: {}, fail: "< 1"}
                """.formatted(target.baseUrl())));
        LoadCampaignStatus s = campaigns.awaitEnd("chat", Duration.ofSeconds(90));

        assertHaltedOnPoolSaturation(s);
        // The operator's own throughput threshold judged the early stages on the generator's live snapshot.
        assertThat(s.stages().get(1).thresholds()).filteredOn(t -> t.name().equals("throughput"))
                .singleElement().satisfies(t -> assertThat(t.verdict()).isEqualTo(Verdict.PASSED));
    }

    @Test
    void aQueryThatFindsNoSeriesFailsThePreflightBeforeAnyLoad() throws Exception {
        prometheus();
        campaigns.apply("typo", chatCampaign("prometheus: {url: " + prometheus.url() + "}",
                "- {name: pool, promql: 'max(hikari_connections_active{job=\"demo\"})', fail: 3}"));
        LoadCampaignStatus s = campaigns.awaitEnd("typo", Duration.ofSeconds(30));

        assertThat(s.phase()).isEqualTo(Phase.Failed);
        assertThat(s.preflight().passed()).isFalse();
        assertThat(s.diagnosis().cause()).isEqualTo("MetricsUnavailable");
        assertThat(s.diagnosis().message()).contains("threshold pool").contains("no series");
        assertThat(s.stages()).isNull();
        assertThat(campaigns.cluster.client().batch().v1().jobs().inNamespace(LocalCampaigns.NS).list().getItems())
                .as("no stage Job, no load").isEmpty();
    }

    @Test
    void prometheusStoppedMidStageHaltsWithMetricsUnavailable() throws Exception {
        prometheus();
        campaigns.apply("blind", """
                target: {baseUrl: %s}
                prometheus: {url: %s, timeout: 1s}
                scenario:
                  operations: [{name: health, request: {path: /api/v1/health}}]
                stages:
                  - {name: long, vus: 2, duration: 60s}
                halt: {evaluationInterval: 1s, metricsUnavailableFor: 3s}
                thresholds:
                  - {name: pool-size, promql: 'max(hikaricp_connections_max{job="demo"})', fail: 1000}
                """.formatted(target.baseUrl(), prometheus.url()));
        campaigns.awaitStatus("blind", Duration.ofSeconds(30), st -> st.stages() != null
                && st.stages().get(0).thresholds() != null
                && st.stages().get(0).thresholds().get(0).verdict() == Verdict.PASSED);
        prometheus.stop();
        LoadCampaignStatus s = campaigns.awaitEnd("blind", Duration.ofSeconds(30));

        assertThat(s.phase()).as(s.message()).isEqualTo(Phase.Halted);
        assertThat(s.breach().threshold()).isEqualTo("pool-size");
        assertThat(s.breach().observed()).isEqualTo("unavailable");
        assertThat(s.breach().loadStoppedAt()).isNotNull();
        assertThat(s.diagnosis().cause()).isEqualTo("MetricsUnavailable");
        assertThat(s.diagnosis().message()).contains("unreachable");
        assertThat(s.stages().get(0).phase()).isEqualTo(StagePhase.Halted);
        assertThat(Duration.between(Instant.parse(s.stages().get(0).startedAt()), Instant.parse(s.breach().detectedAt())))
                .isLessThan(Duration.ofSeconds(40));
    }
}
