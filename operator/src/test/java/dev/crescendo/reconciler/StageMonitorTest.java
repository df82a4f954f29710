package dev.crescendo.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.campaign.ThresholdEvaluator.State;
import dev.crescendo.loadgen.engine.StageState;
import dev.crescendo.loadgen.report.LiveSnapshot;
import dev.crescendo.metrics.ExpositionScraper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's throughput threshold, read from the generator's snapshot: judged only on steady load, never on a pod still starting. */
class StageMonitorTest {
    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    final ExpositionScraper scraper = new ExpositionScraper(Duration.ofSeconds(1));

    private static LoadCampaign campaign() throws Exception {
        LoadCampaign c = ManifestReader.parse("""
                apiVersion: crescendo.dev/v1alpha1
                kind: LoadCampaign
                metadata: {name: m, namespace: perf}
                spec:
                  target: {baseUrl: "http://127.0.0.1:1"}
                  scenario: {operations: [{name: get, request: {path: /}}]}
                  stages: [{name: steady, vus: 10, rampUp: 4s, duration: 60s}]
                  halt: {evaluationInterval: 1s, window: 2s, metricsUnavailableFor: 2s}
                  thresholds: [{name: rate, throughput: {}, fail: "< 100"}]
                """).get(0).campaign();
        c.getMetadata().setUid("u");
        return c;
    }

    private static LiveSnapshot snapshot(double elapsed, double throughput) {
        var window = new LiveSnapshot.Totals(2, (long) (throughput * 2), throughput, 0.0, 0, Map.of("ok", 1L), Map.of());
        return new LiveSnapshot("steady", StageState.RUNNING, elapsed, 60, 10, 1, window, window, null, null);
    }

    private StageMonitor monitor() throws Exception {
        LoadCampaign c = campaign();
        return new StageMonitor(c, 1, c.getSpec().stages().get(0), T0, null, T0);
    }

    @Test
    void aStartingPodIsNotJudgedNorCountedAsMissingData() throws Exception {
        StageMonitor m = monitor();
        for (int s = 1; s <= 30; s++) { // 30 s of image pull: longer than metricsUnavailableFor
            assertThat(m.evaluate(null, null, scraper, T0.plusSeconds(s))).isEmpty();
        }
        assertThat(m.watch.states().get(0).reason()).isEqualTo("no evaluation yet");
    }

    @Test
    void throughputIsJudgedOnceTheRampAndTheWindowAreOver() throws Exception {
        StageMonitor m = monitor();
        assertThat(m.evaluate(snapshot(3, 20), null, scraper, T0.plusSeconds(3))).isEmpty(); // ramping: 20 req/s is expected
        assertThat(m.watch.states().get(0).reason()).isEqualTo("no evaluation yet");
        assertThat(m.evaluate(snapshot(7, 150), null, scraper, T0.plusSeconds(7))).isEmpty();
        assertThat(m.watch.states().get(0).state()).isEqualTo(State.OK);
        var halt = m.evaluate(snapshot(8, 60), null, scraper, T0.plusSeconds(8));
        assertThat(halt).isPresent();
        assertThat(halt.get().limit()).isEqualTo("below 100");
        assertThat(m.lastSnapshot().elapsedSeconds()).isEqualTo(8);
    }

    @Test
    void aRunningPodWhoseSnapshotCannotBeReadIsMissingData() throws Exception {
        StageMonitor m = monitor();
        assertThat(m.evaluate(null, "load generator at http://10.0.0.7:9464/snapshot cannot be read: ConnectException", scraper,
                T0.plusSeconds(1))).isEmpty();
        var halt = m.evaluate(null, "load generator at http://10.0.0.7:9464/snapshot cannot be read: ConnectException", scraper,
                T0.plusSeconds(3));
        assertThat(halt).isPresent();
        assertThat(halt.get().metricsUnavailable()).isTrue();
        assertThat(halt.get().reason()).contains("cannot be read");
    }
}
