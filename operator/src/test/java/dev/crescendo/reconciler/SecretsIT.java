package dev.crescendo.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.loadgen.testing.TestTarget;
import dev.crescendo.testing.PrometheusServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets reach the load and Prometheus and nothing else (DESIGN §9): a target token from a Secret
 * (handed to the stage pod as an environment variable) and a Prometheus bearer token, checked
 * against the status, the events, the stage Job and everything the process logged meanwhile —
 * even when the target echoes a token back in an error body.
 */
class SecretsIT {
    static final String TARGET_TOKEN = "tok-7f3a9c1e-target-secret";
    static final String PROMETHEUS_TOKEN = "prom-b52d08aa-bearer-secret";
    TestTarget target;
    LocalCampaigns campaigns;
    PrometheusServer prometheus;
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream originalOut;
    PrintStream originalErr;

    @BeforeEach
    void start() throws Exception {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(originalErr), true, StandardCharsets.UTF_8));
        target = new TestTarget();
        target.acceptToken(TARGET_TOKEN);
        prometheus = PrometheusServer.start(PrometheusServer.ScrapeTarget.of("self", URI.create("http://127.0.0.1:1/metrics")));
        campaigns = new LocalCampaigns();
    }

    @AfterEach
    void stop() {
        campaigns.close();
        prometheus.close();
        target.close();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private OutputStream tee(PrintStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (logs) {
                    logs.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (logs) {
                    logs.write(b, off, len);
                }
            }
        };
    }

    private void secret(String name, String key, String value) {
        campaigns.cluster.client().resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(LocalCampaigns.NS)
                .endMetadata().withData(Map.of(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
                .build()).create();
    }

    @Test
    void tokensAreUsedButNeverShown() throws Exception {
        secret("api-token", "token", TARGET_TOKEN);
        secret("prom-token", "token", PROMETHEUS_TOKEN);
        campaigns.apply("auth", """
                target: {baseUrl: %s}
                prometheus: {url: %s, bearerTokenSecretRef: {name: prom-token, key: token}}
                scenario:
                  variables:
                    token: {fromSecret: {name: api-token, key: token}}
                  operations:
                    - {name: good, weight: 3, request: {path: /auth, headers: {Authorization: "Bearer ${token}"}}, expect: {status: [200]}}
                    - {name: echo, weight: 1, request: {path: /auth, headers: {Authorization: "Bearer ${token}x"}}}
                stages:
                  - {name: smoke, vus: 2, duration: 3s}
                halt: {evaluationInterval: 1s}
                thresholds:
                  - {name: up, promql: 'vector(1)', fail: 2}
                """.formatted(target.baseUrl(), prometheus.url()));
        LoadCampaignStatus s = campaigns.awaitEnd("auth", Duration.ofSeconds(60));

        // The token reached the target: the good operation was accepted.
        assertThat(s.stages().get(0).outcomes().get("ok")).as(s.message()).isPositive();
        // The echoing operation failed, and its sampled body was redacted of the token.
        assertThat(s.stages().get(0).outcomes().get("client_error")).isPositive();
        assertThat(Serialization.asJson(s)).contains("<redacted>");

        String status = Serialization.asJson(campaigns.cluster.get(LocalCampaigns.NS, "auth"));
        String events = Serialization.asJson(campaigns.cluster.client().v1().events().inNamespace(LocalCampaigns.NS).list());
        String jobs = Serialization.asJson(campaigns.cluster.client().batch().v1().jobs().inNamespace(LocalCampaigns.NS).list());
        String logged;
        synchronized (logs) {
            logged = logs.toString(StandardCharsets.UTF_8);
        }
        for (String secret : new String[] {TARGET_TOKEN, PROMETHEUS_TOKEN}) {
            assertThat(status).as("status").doesNotContain(secret);
            assertThat(events).as("events").doesNotContain(secret);
            assertThat(jobs).as("stage Jobs").doesNotContain(secret);
            assertThat(logged).as("logs").doesNotContain(secret);
        }
        assertThat(jobs).contains("CRESCENDO_SECRET_TOKEN").contains("api-token"); // by reference only
        assertThat(s.phase()).isIn(Phase.Succeeded, Phase.Failed);
    }
}
