package dev.crescendo.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.campaign.StageEvidence.Sample;
import dev.crescendo.campaign.StageEvidence.ThresholdReading;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diagnosis table on the numbers of the field reports. */
class DiagnosisRulesTest {

    private static Map<String, Long> outcomes(long ok, long clientError, long rateLimited, long serverError, long timeout,
                                              long refused, long connectError) {
        Map<String, Long> o = new LinkedHashMap<>();
        o.put("ok", ok);
        o.put("client_error", clientError);
        o.put("rate_limited", rateLimited);
        o.put("server_error", serverError);
        o.put("timeout", timeout);
        o.put("connect_refused", refused);
        o.put("connect_error", connectError);
        o.put("check_failed", 0L);
        return o;
    }

    private static StageEvidence stage(Map<String, Long> o, List<Sample> samples, List<ThresholdReading> thresholds, Double growth) {
        long requests = o.values().stream().mapToLong(Long::longValue).sum();
        return new StageEvidence("smoke", requests, o, samples, thresholds, growth, null, null);
    }

    @Test
    void report000HistoryCursorBugIsClientErrorsQuotingTheBody() {
        // Smoke stage: 206 sends fine, history 47 ok and 42 failed with 400 (cursor=Date.now()).
        var body = "{\"error\":\"Invalid `prisma.message.findMany()` invocation: Invalid value for argument `lt`: Provided Date object is invalid\"}";
        var e = stage(outcomes(253, 42, 0, 0, 0, 0, 0), List.of(new Sample("history", "client_error", 400, body, 42)),
                List.of(new ThresholdReading("errors", "error rate", false, "14.2%", "1%", true)), null);
        Diagnosis d = DiagnosisRules.diagnose(e, false).orElseThrow();
        assertThat(d.cause()).isEqualTo(Cause.ClientErrors);
        assertThat(d.message()).startsWith("client errors: the scenario and the API disagree: 14.2% of requests (42 of 295)")
                .contains("most common (42× history): 400 {\"error\":\"Invalid `prisma.message.findMany()`");
        assertThat(d.errorSamples()).singleElement().extracting(Sample::status).isEqualTo(400);
    }

    @Test
    void report002ConnectionRefusedEverywhereIsTargetUnreachable() {
        var e = stage(outcomes(0, 0, 0, 0, 0, 56_250, 0),
                List.of(new Sample("send", "connect_refused", 0, "Connection refused: /127.0.0.1:3001", 56_250)), List.of(), null);
        Diagnosis d = DiagnosisRules.diagnose(e, false).orElseThrow();
        assertThat(d.cause()).isEqualTo(Cause.TargetUnreachable);
        assertThat(d.message()).contains("56250 of 56250 could not connect (56250 connect_refused, 0 connect_error)");
        assertThat(d.evidence()).containsExactly("outcomes of 56250 requests: connect_refused=56250");
        assertThat(d.errorSamples()).singleElement().extracting(Sample::body).asString().contains("127.0.0.1:3001");
    }

    @Test
    void report002WithTheBackendUpWouldHitTheRateLimiterFirst() {
        var e = stage(outcomes(4_000, 0, 2_500, 0, 0, 0, 0),
                List.of(new Sample("send", "rate_limited", 429, "{\"error\":\"Too many requests\"}", 2_500)), List.of(), null);
        Diagnosis d = DiagnosisRules.diagnose(e, false).orElseThrow();
        assertThat(d.cause()).isEqualTo(Cause.RateLimited);
        assertThat(d.message()).contains("38.5% of requests (2500 of 6500) were rate_limited").contains("429");
    }

    @Test
    void report002PoolOfTenSaturatesWithTimeouts() {
        var e = stage(outcomes(9_100, 0, 0, 300, 600, 0, 0), List.of(new Sample("send", "timeout", 0, "no complete response within 10000ms", 600)),
                List.of(new ThresholdReading("pool", "max(hikaricp_connections_active) / max(hikaricp_connections_max)",
                        false, "1.0", "0.9", true)), 6.3);
        Diagnosis d = DiagnosisRules.diagnose(e, false).orElseThrow();
        assertThat(d.cause()).isEqualTo(Cause.PoolSaturation);
        assertThat(d.evidence()).contains("p95 latency 6.3× the previous stage's", "600 requests timed out");
        assertThat(d.message()).contains("pool reached 1.0 (limit 0.9)");
    }

    @Test
    void report003ReactionWritesOverTheirP95TargetAreLatencyDegradation() {
        var e = stage(outcomes(12_000, 0, 0, 0, 0, 0, 0), List.of(),
                List.of(new ThresholdReading("reaction-p95", "p95 latency of reaction", true, "2210.0ms", "500ms", true)), 1.4);
        Diagnosis d = DiagnosisRules.diagnose(e, false).orElseThrow();
        assertThat(d.cause()).isEqualTo(Cause.LatencyDegradation);
        assertThat(d.evidence()).contains("threshold reaction-p95: 2210.0ms, limit 500ms");
    }

    @Test
    void fiveHundredsWithoutAPoolThresholdAreServerErrors() {
        var e = stage(outcomes(900, 0, 0, 100, 0, 0, 0), List.of(new Sample("send", "server_error", 503, "{\"error\":\"backend unavailable\"}", 100)),
                List.of(), null);
        assertThat(DiagnosisRules.diagnose(e, false).orElseThrow().cause()).isEqualTo(Cause.ServerErrors);
    }

    @Test
    void theGeneratorAndMissingMetricsComeFirst() {
        var broken = new StageEvidence("s", 0, Map.of(), List.of(), List.of(), null, "pod s-1: ImagePullBackOff", null);
        assertThat(DiagnosisRules.diagnose(broken, false).orElseThrow().cause()).isEqualTo(Cause.LoadGeneratorFailure);
        var blind = new StageEvidence("s", 500, outcomes(500, 0, 0, 0, 0, 0, 0), List.of(), List.of(), null, null,
                "pool: Prometheus returned no series for 30s");
        assertThat(DiagnosisRules.diagnose(blind, false).orElseThrow().cause()).isEqualTo(Cause.MetricsUnavailable);
    }

    @Test
    void aPassingStageHasNoCauseWhateverItsNumbers() {
        // Report 003's voting test: p95 2.20 s against a 2.0 s warn level is MARGINAL, which passes.
        var e = stage(outcomes(10_000, 0, 0, 0, 0, 0, 0), List.of(), List.of(), 1.1);
        assertThat(DiagnosisRules.diagnose(e, true)).isEmpty();
    }

    @Test
    void smallNoiseBelowTheSharesIsNotACause() {
        var e = stage(outcomes(10_000, 5, 3, 2, 0, 0, 0), List.of(), List.of(), 1.2);
        assertThat(DiagnosisRules.diagnose(e, false)).isEmpty();
    }
}
