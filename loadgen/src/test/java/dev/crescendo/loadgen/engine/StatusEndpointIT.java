package dev.crescendo.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.testing.Stages;
import dev.crescendo.loadgen.testing.TestTarget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** /metrics speaks Prometheus with the contract's names and labels; /snapshot has live window numbers. */
class StatusEndpointIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsAndSnapshotAreServedWhileTheStageRuns() throws Exception {
        try (TestTarget target = new TestTarget()) {
            StageRun run = new StageRun(StagePlan.of(Stages.parse("""
                    campaign: chat-progressive
                    namespace: perf
                    metricsPort: 0
                    stage: {name: smoke, vus: 3, duration: 30s}
                    target: {baseUrl: %s}
                    scenario:
                      thinkTime: 10ms
                      operations:
                        - {name: send, request: {path: /ok}}
                        - {name: missing, request: {path: /not-found}}
                    """.formatted(target.baseUrl()))), 1, s -> {});
            CompletableFuture<Summary> result = CompletableFuture.supplyAsync(() -> Stages.run(run));
            await().atMost(Duration.ofSeconds(10)).until(() -> run.live() != null && run.live().total().requests() > 0);
            String base = "http://127.0.0.1:" + run.statusPort();

            HttpResponse<String> metrics = get(base + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("crescendo_loadgen_requests_total{campaign=\"chat-progressive\",namespace=\"perf\","
                            + "operation=\"send\",outcome=\"ok\",stage=\"smoke\"}")
                    .contains("outcome=\"client_error\"")
                    .contains("crescendo_loadgen_request_duration_seconds_bucket{")
                    .contains("crescendo_loadgen_active_vus{campaign=\"chat-progressive\",namespace=\"perf\",stage=\"smoke\"} 3")
                    .contains("crescendo_loadgen_dropped_total{");

            JsonNode snapshot = new ObjectMapper().readTree(get(base + "/snapshot").body());
            assertThat(snapshot.path("stage").asText()).isEqualTo("smoke");
            assertThat(snapshot.path("state").asText()).isEqualTo("running");
            assertThat(snapshot.path("window").path("requests").asLong()).isPositive();
            assertThat(snapshot.path("window").path("operations").path("send").path("p95Ms").isNumber()).isTrue();
            assertThat(snapshot.path("window").path("errorRate").asDouble()).isBetween(0.2, 0.8);

            run.abort("stopped by test");
            assertThat(result.join().abortReason()).isEqualTo("stopped by test");
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
