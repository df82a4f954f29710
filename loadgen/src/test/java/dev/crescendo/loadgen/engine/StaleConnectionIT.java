package dev.crescendo.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.testing.OneShotServer;
import dev.crescendo.loadgen.testing.Stages;
import org.junit.jupiter.api.Test;

/**
 * A server that drops a kept-alive connection just as it is reused must not show up as errors for
 * requests that are safe to repeat; for a POST, which may have been processed, it stays an error.
 */
class StaleConnectionIT {

    private static Summary run(OneShotServer server, String method, String model) {
        return Stages.run("""
                stage: {name: stale, %s, duration: 1s}
                target: {baseUrl: %s}
                fastFail: {enabled: false}
                scenario:
                  thinkTime: 20ms
                  operations:
                    - {name: call, request: {method: %s, path: /}}
                """.formatted(model, server.baseUrl(), method));
    }

    @Test
    void idempotentRequestsAreRetriedOnceOnANewConnection() throws Exception {
        try (OneShotServer server = new OneShotServer()) {
            Summary s = run(server, "GET", "vus: 2");
            assertThat(s.requests()).isGreaterThan(10);
            assertThat(s.outcomes().get("ok")).isEqualTo(s.requests());
            // every request after a connection's first went out twice: once lost, once answered
            assertThat(server.connections()).isGreaterThanOrEqualTo((int) s.requests());
            assertThat(s.retried()).isGreaterThanOrEqualTo(s.requests() - 2).isPositive();
        }
    }

    @Test
    void theOpenModelRetriesToo() throws Exception {
        try (OneShotServer server = new OneShotServer()) {
            Summary s = run(server, "GET", "arrivalRate: 50");
            assertThat(s.outcomes().get("ok")).isEqualTo(s.requests()).isGreaterThan(10);
        }
    }

    @Test
    void aPostIsNotRetried() throws Exception {
        try (OneShotServer server = new OneShotServer()) {
            Summary s = run(server, "POST", "vus: 1");
            assertThat(s.outcomes().get("connect_error")).isPositive();
            assertThat(s.retried()).isZero();
            assertThat(s.outcomes().get("ok")).isEqualTo(server.answered());
            assertThat(s.errorSamples()).anySatisfy(x -> assertThat(x.body()).isEqualTo("connection closed before a response"));
        }
    }
}
