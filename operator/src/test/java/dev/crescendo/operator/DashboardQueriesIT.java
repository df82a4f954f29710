package dev.crescendo.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.campaign.OperatorPolicy;
import dev.crescendo.demo.DemoTarget;
import dev.crescendo.demo.DemoTargetOptions;
import dev.crescendo.local.EmbeddedApiServer;
import dev.crescendo.local.LocalJobRunner;
import dev.crescendo.loadgen.testing.TestTarget;
import dev.crescendo.testing.PrometheusServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every PromQL expression of the chart's Grafana dashboard returns data from a real Prometheus
 * scraping a running operator ({@link OperatorProcess}, its /metrics) and a stage's load generator
 * (its pod's metrics port) during a short campaign — plus a campaign that fails its preflight and
 * a kill switch, so the breach, time-to-halt and preflight panels have something to show.
 */
class DashboardQueriesIT {
    static final Path DASHBOARD = Path.of("../helm/crescendo/dashboards/crescendo.json");
    static final ObjectMapper JSON = new ObjectMapper();
    EmbeddedApiServer api;
    LocalJobRunner runner;
    OperatorProcess operator;
    DemoTarget target;
    PrometheusServer prometheus;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        PrometheusServer.requirePrometheus();
        target = DemoTarget.start(DemoTargetOptions.defaults().withPort(0).withPoolSize(4).withQueryCost(Duration.ofMillis(10)));
        api = new EmbeddedApiServer();
        api.ensureNamespace("default");
        api.ensureNamespace("perf");
        runner = new LocalJobRunner(api.client(), Clock.systemUTC(), s -> {}).start();
        operator = new OperatorProcess(api.client(), new OperatorSettings(Set.of(), OperatorPolicy.local(List.of()),
                "crescendo:test", false, "default", "test", 0));
        operator.start();
    }

    @AfterEach
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        operator.close();
        runner.close();
        api.close();
        target.close();
    }

    private void apply(String name, String spec) throws Exception {
        api.client().resource(ManifestReader.parse("""
                apiVersion: crescendo.dev/v1alpha1
                kind: LoadCampaign
                metadata: {name: %s, namespace: perf}
                spec:
                """.formatted(name) + spec.indent(2)).get(0).campaign()).create();
    }

    private LoadCampaign campaign(String name) {
        return api.client().resources(LoadCampaign.class).inNamespace("perf").withName(name).get();
    }

    /** The dashboard's expressions with Grafana's variables as a dashboard user would have them. */
    static List<String> expressions() throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : JSON.readTree(DASHBOARD.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    out.add(target.get("expr").asText().replace("$namespace", ".*").replace("$campaign", ".*")
                            .replace("$__rate_interval", "1m").replace("$__range", "5m").replace("$__interval", "15s"));
                }
            }
        }
        return out;
    }

    private int series(String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).as(query + " → " + r.body()).isEqualTo("success");
        return body.path("data").path("result").size();
    }

    @Test
    void everyDashboardQueryReturnsData() throws Exception {
        List<String> expressions = expressions();
        assertThat(expressions).hasSizeGreaterThan(10);
        apply("broken", """
                target: {baseUrl: "http://127.0.0.1:%d"}
                scenario:
                  operations: [{name: get, request: {path: /}}]
                stages:
                  - {name: smoke, vus: 1, duration: 1s}
                """.formatted(TestTarget.closedPort()));
        apply("dash", """
                target: {baseUrl: %1$s}
                scenario:
                  operations:
                    - {name: send, weight: 7, request: {method: POST, path: /api/v1/conversations/d/messages, body: '{"text":"hi"}', headers: {Content-Type: application/json}}, expect: {status: [201]}}
                    - {name: health, weight: 3, request: {path: /api/v1/health}}
                stages:
                  - {name: smoke, vus: 1, duration: 2s}
                  - {name: steady, vus: 2, duration: 60s}
                halt: {evaluationInterval: 1s, window: 2s}
                thresholds:
                  - {name: errors, errorRate: {}, warn: "0.5%%", fail: "5%%"}
                  - {name: send-p95, latency: {operation: send, percentile: 95}, fail: 2s}
                  - {name: pool, scrape: {url: %1$s/metrics, metric: hikaricp_connections_active, ratioTo: hikaricp_connections_max}, warn: 0.8, fail: 0.99, for: 30s}
                """.formatted(target.baseUrl()));
        await().atMost(Duration.ofSeconds(30)).until(() -> campaign("dash").getStatus() != null
                && campaign("dash").getStatus().stages() != null && campaign("dash").getStatus().stages().size() == 2
                && campaign("dash").getStatus().stages().get(1).thresholds() != null);
        Pod pod = api.client().pods().inNamespace("perf").withLabel("job-name", "dash-r1-steady").list().getItems().get(0);
        int loadgenPort = pod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
        prometheus = PrometheusServer.start(
                PrometheusServer.ScrapeTarget.of("operator", URI.create("http://127.0.0.1:" + operator.port() + "/metrics")),
                PrometheusServer.ScrapeTarget.of("loadgen", URI.create("http://127.0.0.1:" + loadgenPort + "/metrics")));
        prometheus.awaitTargetUp("operator").awaitTargetUp("loadgen");
        await().atMost(Duration.ofSeconds(30)).until(() -> series("count_over_time(up{job=\"loadgen\"}[1m]) >= 3") > 0);

        // While the stage runs: everything but the breach and time-to-halt panels.
        List<String> afterHalt = expressions.stream().filter(e -> e.contains("crescendo_breaches_total")
                || e.contains("crescendo_halt_duration")).toList();
        assertThat(afterHalt).isNotEmpty();
        for (String e : expressions) {
            if (!afterHalt.contains(e)) {
                assertThat(series(e)).as("no data for: " + e).isPositive();
            }
        }

        // The kill switch halts it: a breach and a time to halt to show.
        api.client().resources(LoadCampaign.class).inNamespace("perf").withName("dash")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"crescendo.dev/halt\":\"dashboard test\"}}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> campaign("dash").getStatus().phase() == Phase.Halted);
        await().atMost(Duration.ofSeconds(30)).until(() -> series("crescendo_halt_duration_seconds_count") > 0);
        for (String e : afterHalt) {
            assertThat(series(e)).as("no data for: " + e).isPositive();
        }
    }
}
