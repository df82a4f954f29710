package dev.crescendo.loadgen.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.testing.Stages;
import dev.crescendo.loadgen.testing.TestTarget;
import dev.crescendo.loadgen.threshold.ThresholdResult;
import dev.crescendo.loadgen.threshold.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator stops itself: on an unreachable target (report 002) and on a local threshold breach. */
class SelfAbortIT {
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
    void anUnreachableTargetStopsTheStageWithinSeconds() throws Exception {
        Summary s = Stages.run("""
                stage: {name: dead-backend, vus: 120, duration: 60s}
                target: {baseUrl: "http://127.0.0.1:%d/api/v1"}
                fastFail: {after: 2s}
                scenario:
                  operations:
                    - {name: send, request: {method: POST, path: /messages, body: "{}"}}
                """.formatted(TestTarget.closedPort()));
        assertThat(s.abortReason()).startsWith("target unreachable").contains("connect_refused");
        assertThat(s.outcomes().get("ok")).isZero();
        assertThat(s.outcomes().get("connect_refused")).isPositive().isEqualTo(s.requests());
        assertThat(s.durationSeconds()).isLessThan(15);
        assertThat(s.errorSamples()).first().satisfies(x -> assertThat(x.body()).contains("Connection refused"));
    }

    @Test
    void fastFailCanBeSwitchedOff() throws Exception {
        Summary s = Stages.run("""
                stage: {name: dead, vus: 1, duration: 4s}
                target: {baseUrl: "http://127.0.0.1:%d"}
                fastFail: {enabled: false}
                scenario:
                  thinkTime: 100ms
                  operations:
                    - {name: get, request: {path: /}}
                """.formatted(TestTarget.closedPort()));
        assertThat(s.abortReason()).isNull();
        assertThat(s.outcomes().get("connect_refused")).isPositive();
    }

    @Test
    void aBreachedErrorRateThresholdAbortsAndNamesTheThreshold() {
        Summary s = Stages.run("""
                stage: {name: errors, vus: 4, duration: 30s}
                target: {baseUrl: %s}
                thresholds:
                  - {name: errors, errorRate: {}, warn: "0.5%%", fail: "5%%"}
                  - {name: ok-p95, latency: {operation: fine, percentile: 95}, fail: 5s}
                scenario:
                  operations:
                    - {name: fine, weight: 80, request: {path: /ok}}
                    - {name: failing, weight: 20, request: {path: /unavailable}}
                """.formatted(target.baseUrl()));
        assertThat(s.abortReason()).startsWith("threshold errors breached").contains("fail above 5%");
        assertThat(s.durationSeconds()).isLessThan(10);
        assertThat(s.thresholds()).extracting(ThresholdResult::name, ThresholdResult::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("errors", Verdict.FAILED),
                        org.assertj.core.groups.Tuple.tuple("ok-p95", Verdict.PASSED));
    }

    @Test
    void aBreachMustLastItsForDurationBeforeAborting() {
        // One failing request in ten for 3 s, but `for: 10s`: never long enough, so no abort.
        Summary s = Stages.run("""
                stage: {name: sustained, vus: 2, duration: 3s}
                target: {baseUrl: %s}
                thresholds:
                  - {name: errors, errorRate: {}, fail: "1%%", for: 10s}
                scenario:
                  operations:
                    - {name: fine, weight: 9, request: {path: /ok}}
                    - {name: failing, weight: 1, request: {path: /unavailable}}
                """.formatted(target.baseUrl()));
        assertThat(s.abortReason()).isNull();
        assertThat(s.thresholds()).singleElement().extracting(ThresholdResult::verdict).isEqualTo(Verdict.FAILED);
    }
}
