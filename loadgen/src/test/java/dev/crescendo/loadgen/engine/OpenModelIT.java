package dev.crescendo.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crescendo.loadgen.report.OperationLatency;
import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.testing.Stages;
import dev.crescendo.loadgen.testing.TestTarget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The open model keeps its schedule while the target stalls and measures from the scheduled time. */
class OpenModelIT {
    TestTarget target;

    @BeforeEach
    void start() throws Exception {
        target = new TestTarget();
    }

    @AfterEach
    void stop() {
        target.close();
    }

    @Test
    void aStallShowsItsFullLengthInTheLatencies() {
        // 200 req/s for 4 s; the server holds every response for 1 s starting about 1 s in.
        // Requests arriving during the stall wait up to the full second, so the slowest ones must
        // show ~1 s, and since a quarter of the stage is stalled, p99 is close to it too.
        StageRun run = new StageRun(StagePlan.of(Stages.parse("""
                stage: {name: open, arrivalRate: 200, duration: 4s}
                target: {baseUrl: %s}
                scenario:
                  operations:
                    - {name: get, request: {path: /ok}}
                """.formatted(target.baseUrl()))), 2, s -> {});
        CompletableFuture<Summary> result = CompletableFuture.supplyAsync(() -> Stages.run(run));
        await().atMost(Duration.ofSeconds(10)).until(() -> target.hits("/ok") >= 200);
        target.stallFor(1000);
        Summary s = result.join();

        OperationLatency get = s.operations().get("get");
        assertThat(s.outcomes().get("ok")).isEqualTo(s.requests());
        assertThat(s.dropped()).isZero();
        // The schedule was kept: 4 s at 200/s is 800 requests, give or take the edges.
        assertThat(s.requests()).isBetween(780L, 801L);
        assertThat(get.maxMs()).isGreaterThan(900.0);
        assertThat(get.p99Ms()).isGreaterThan(800.0);
        assertThat(get.p50Ms()).isLessThan(get.p99Ms() / 2);
    }

    @Test
    void requestsBeyondMaxInFlightAreCountedAsDropped() {
        // 100 req/s against a target that takes 500 ms, with only 10 in flight allowed: about 20/s can
        // be sent, the rest must be counted as dropped, never silently skipped.
        Summary s = Stages.run("""
                stage: {name: capped, arrivalRate: 100, duration: 2s, maxInFlight: 10}
                target: {baseUrl: %s}
                scenario:
                  operations:
                    - {name: slow, request: {path: "/delay?ms=500"}}
                """.formatted(target.baseUrl()));
        assertThat(s.dropped()).isPositive();
        assertThat(s.requests() + s.dropped() + s.interrupted()).isBetween(195L, 201L);
        assertThat(s.requests()).isLessThanOrEqualTo(50);
    }
}
