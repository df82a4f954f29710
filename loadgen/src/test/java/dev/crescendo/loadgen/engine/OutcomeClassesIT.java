package dev.crescendo.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.stats.ErrorSamples;
import dev.crescendo.loadgen.testing.ResetServer;
import dev.crescendo.loadgen.testing.Stages;
import dev.crescendo.loadgen.testing.TestTarget;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every response lands in exactly one class, and the counts match what the server saw. */
class OutcomeClassesIT {
    static TestTarget target;

    @BeforeAll
    static void start() throws Exception {
        target = new TestTarget();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    void eachResponseIsCountedOnceInItsClassAndMatchesTheServer() {
        Summary s = Stages.run("""
                stage: {name: classes, vus: 8, duration: 2s, gracefulStop: 5s}
                target: {baseUrl: %s}
                scenario:
                  timeout: 300ms
                  operations:
                    - {name: ok, request: {path: /ok}}
                    - {name: created, request: {method: POST, path: /created, body: '{}'}, expect: {status: [201]}}
                    - {name: expected429, request: {path: /too-many}, expect: {status: [429]}}
                    - {name: throttled, request: {path: /too-many}}
                    - {name: missing, request: {path: /not-found}}
                    - {name: broken, request: {path: /unavailable}}
                    - {name: unchecked, request: {path: /redirect}, expect: {status: [200]}}
                    - {name: badjson, request: {path: /malformed}, extract: {id: "$.message.id"}}
                    - {name: health, request: {path: /health/degraded}, expect: {status: [200], body: {jsonPath: "$.status", equals: ok}}}
                    - {name: slow, request: {path: "/delay?ms=1000"}}
                """.formatted(target.baseUrl()));

        Map<String, Long> o = s.outcomes();
        long requests = s.requests();
        assertThat(o.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(requests);
        assertThat(s.interrupted()).isZero();
        assertThat(requests).isGreaterThan(50);

        assertThat(o.get("ok")).isEqualTo(count(s, "ok") + count(s, "created") + count(s, "expected429"));
        assertThat(o.get("rate_limited")).isEqualTo(count(s, "throttled"));
        assertThat(o.get("client_error")).isEqualTo(count(s, "missing"));
        assertThat(o.get("server_error")).isEqualTo(count(s, "broken"));
        assertThat(o.get("check_failed")).isEqualTo(count(s, "unchecked") + count(s, "badjson") + count(s, "health"));
        assertThat(o.get("timeout")).isEqualTo(count(s, "slow"));
        assertThat(o.get("connect_refused")).isZero();
        assertThat(o.get("connect_error")).isZero();
        for (String op : new String[] {"ok", "created", "missing", "broken", "unchecked", "badjson", "health", "slow"}) {
            assertThat(count(s, op)).as(op).isPositive();
        }

        // The server saw each request the generator counted (timeouts included: they were sent), plus
        // any GET re-sent because the server closed a kept-alive connection as it went out (rare; counted).
        assertThat(target.hits("/ok")).isBetween(count(s, "ok"), count(s, "ok") + s.retried());
        assertThat(target.hits("/not-found")).isBetween(count(s, "missing"), count(s, "missing") + s.retried());
        assertThat(target.hits("/unavailable")).isBetween(count(s, "broken"), count(s, "broken") + s.retried());
        assertThat(target.hits("/too-many")).isBetween(count(s, "expected429") + count(s, "throttled"),
                count(s, "expected429") + count(s, "throttled") + s.retried());
        assertThat(target.hits("/delay")).isBetween(count(s, "slow"), count(s, "slow") + s.retried());
        assertThat(target.hits("/created")).isEqualTo(count(s, "created")); // a POST is never re-sent
        assertThat(target.hits("/redirect")).isBetween(count(s, "unchecked"), count(s, "unchecked") + s.retried());
        assertThat(target.hits("/malformed")).isBetween(count(s, "badjson"), count(s, "badjson") + s.retried());
        assertThat(target.hits("/health/degraded")).isBetween(count(s, "health"), count(s, "health") + s.retried());

        // Error samples name the operation, the class, the status and the start of the body.
        assertThat(s.errorSamples()).extracting(ErrorSamples.Sample::operation, ErrorSamples.Sample::outcome,
                        ErrorSamples.Sample::status)
                .contains(org.assertj.core.groups.Tuple.tuple("missing", "client_error", 404),
                        org.assertj.core.groups.Tuple.tuple("broken", "server_error", 503),
                        org.assertj.core.groups.Tuple.tuple("slow", "timeout", 0));
        assertThat(s.errorSamples()).anySatisfy(x -> {
            assertThat(x.operation()).isEqualTo("broken");
            assertThat(x.body()).contains("backend unavailable");
        });
        assertThat(s.errorSamples()).anySatisfy(x -> {
            assertThat(x.operation()).isEqualTo("health");
            assertThat(x.body()).contains("$.status").contains("degraded");
        });
        assertThat(s.errorSamples()).anySatisfy(x -> {
            assertThat(x.operation()).isEqualTo("badjson");
            assertThat(x.body()).contains("not valid JSON");
        });
    }

    @Test
    void aBodyThatNeverCompletesIsATimeout() {
        Summary s = Stages.run("""
                stage: {name: slowbody, vus: 2, duration: 1s}
                target: {baseUrl: %s}
                scenario:
                  timeout: 200ms
                  operations:
                    - {name: dribble, request: {path: /slow-body}}
                """.formatted(target.baseUrl()));
        assertThat(s.requests()).isPositive();
        assertThat(s.outcomes().get("timeout")).isEqualTo(s.requests());
    }

    @Test
    void aConnectionResetWithoutResponseIsAConnectError() throws Exception {
        try (ResetServer reset = new ResetServer()) {
            Summary s = Stages.run("""
                    stage: {name: reset, vus: 2, duration: 1s}
                    target: {baseUrl: %s}
                    fastFail: {enabled: false}
                    scenario:
                      operations:
                        - {name: get, request: {path: /}}
                    """.formatted(reset.baseUrl()));
            assertThat(s.requests()).isPositive();
            assertThat(s.outcomes().get("connect_error")).isEqualTo(s.requests());
            assertThat(s.errorSamples()).isNotEmpty();
        }
    }

    private static long count(Summary s, String operation) {
        return s.operations().get(operation).count();
    }
}
