package dev.crescendo.loadgen.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.loadgen.config.ThresholdSpec;
import dev.crescendo.loadgen.engine.Outcome;
import dev.crescendo.loadgen.metrics.LoadgenMetrics;
import dev.crescendo.loadgen.stats.Interval;
import dev.crescendo.loadgen.stats.StageStats;
import dev.crescendo.loadgen.stats.StatsTimeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windowed evaluation: a late breach is caught, `for` is respected, no data is never a pass. */
class ThresholdMonitorTest {
    private static final List<String> OPS = List.of("send", "history");
    private static final long SECOND = 1_000_000_000L;

    private final StageStats stats = new StageStats(OPS, new LoadgenMetrics("c", "n", "s", OPS));
    private final StatsTimeline timeline = new StatsTimeline(stats, 5, 0);

    private void second(int ok, int errors, long latencyMillis) {
        for (int i = 0; i < ok; i++) {
            stats.record(0, Outcome.OK, latencyMillis * 1_000_000, 200, null);
        }
        for (int i = 0; i < errors; i++) {
            stats.record(0, Outcome.SERVER_ERROR, latencyMillis * 1_000_000, 500, "boom");
        }
    }

    private static LocalThreshold errorRate(String fail, String sustain) {
        return LocalThreshold.compile(new ThresholdSpec("errors", null, new ThresholdSpec.RateMetric(null), null,
                "0.5%", fail, sustain), OPS);
    }

    @Test
    void aWindowWithTooFewRequestsIsNotJudged() {
        ThresholdMonitor monitor = new ThresholdMonitor(List.of(errorRate("5%", null)));
        second(6, 3, 10); // 33 % errors, but only 9 requests: the first moments of a stage
        timeline.tick(SECOND);
        assertThat(monitor.evaluate(timeline.window(), SECOND)).isNull();
        second(10, 5, 10); // 24 requests in the window now, 33 % errors
        timeline.tick(2 * SECOND);
        assertThat(monitor.evaluate(timeline.window(), 2 * SECOND)).startsWith("threshold errors breached");
    }

    @Test
    void aLateBreachIsSeenInTheWindowThoughTheWholeRunIsFine() {
        ThresholdMonitor monitor = new ThresholdMonitor(List.of(errorRate("5%", null)));
        long t = 0;
        for (int s = 0; s < 60; s++) {
            second(100, 0, 10);
            timeline.tick(t += SECOND);
            assertThat(monitor.evaluate(timeline.window(), t)).isNull();
        }
        String reason = null;
        for (int s = 0; s < 5 && reason == null; s++) {
            second(80, 20, 10);
            timeline.tick(t += SECOND);
            reason = monitor.evaluate(timeline.window(), t);
        }
        assertThat(reason).startsWith("threshold errors breached: error rate")
                .contains("over the last")
                .contains("fail above 5%");
        // Over the whole run the rate is far lower, but the breach was real.
        Interval total = timeline.total();
        assertThat(errorRate("5%", null).observe(total)).isLessThan(0.05);
        assertThat(monitor.finalResults(total)).singleElement().extracting(ThresholdResult::verdict).isEqualTo(Verdict.FAILED);
    }

    @Test
    void aBreachMustLastForItsSustainTime() {
        ThresholdMonitor monitor = new ThresholdMonitor(List.of(errorRate("5%", "3s")));
        long t = 0;
        second(50, 50, 10);
        timeline.tick(t += SECOND);
        assertThat(monitor.evaluate(timeline.window(), t)).isNull(); // breach starts
        second(50, 50, 10);
        timeline.tick(t += SECOND);
        assertThat(monitor.evaluate(timeline.window(), t)).isNull(); // 1 s
        second(50, 50, 10);
        timeline.tick(t += SECOND);
        assertThat(monitor.evaluate(timeline.window(), t)).isNull(); // 2 s
        second(50, 50, 10);
        timeline.tick(t += SECOND);
        assertThat(monitor.evaluate(timeline.window(), t)).isNotNull(); // 3 s: sustained
    }

    @Test
    void recoveringResetsTheSustainClock() {
        ThresholdMonitor monitor = new ThresholdMonitor(List.of(errorRate("5%", "2s")));
        StatsTimeline shortWindow = new StatsTimeline(stats, 1, 0);
        long t = 0;
        second(50, 50, 10);
        shortWindow.tick(t += SECOND);
        assertThat(monitor.evaluate(shortWindow.window(), t)).isNull();
        second(100, 0, 10);
        shortWindow.tick(t += SECOND);
        assertThat(monitor.evaluate(shortWindow.window(), t)).isNull(); // recovered
        second(50, 50, 10);
        shortWindow.tick(t += SECOND);
        assertThat(monitor.evaluate(shortWindow.window(), t)).isNull(); // a new breach starts over
    }

    @Test
    void latencyPercentileOfOneOperationWithWarnLevel() {
        LocalThreshold p95 = LocalThreshold.compile(new ThresholdSpec("send-p95",
                new ThresholdSpec.LatencyMetric("send", 95.0), null, null, "200ms", "250ms", null), OPS);
        ThresholdMonitor monitor = new ThresholdMonitor(List.of(p95));
        second(100, 0, 220);
        stats.record(1, Outcome.OK, 900_000_000L, 200, null); // history is slow, but not judged
        timeline.tick(SECOND);
        assertThat(monitor.evaluate(timeline.window(), SECOND)).isNull();
        List<ThresholdResult> results = monitor.finalResults(timeline.total());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.MARGINAL);
            assertThat(r.observed()).isEqualTo("220.0ms");
        });
    }

    @Test
    void noDataIsInconclusiveNotPassed() {
        ThresholdMonitor monitor = new ThresholdMonitor(List.of(errorRate("1%", null)));
        timeline.tick(SECOND);
        assertThat(monitor.evaluate(timeline.window(), SECOND)).isNull();
        assertThat(monitor.finalResults(timeline.total())).singleElement()
                .satisfies(r -> {
                    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
                    assertThat(r.observed()).isEqualTo("no data");
                });
    }

    @Test
    void outcomeRateCountsOneClass() {
        LocalThreshold limited = LocalThreshold.compile(new ThresholdSpec("429s", null, null,
                new ThresholdSpec.OutcomeRateMetric("rate_limited", null), null, "10%", null), OPS);
        for (int i = 0; i < 80; i++) {
            stats.record(0, Outcome.OK, 1_000_000, 200, null);
        }
        for (int i = 0; i < 15; i++) {
            stats.record(1, Outcome.RATE_LIMITED, 1_000_000, 429, "slow down");
        }
        for (int i = 0; i < 5; i++) {
            stats.record(1, Outcome.SERVER_ERROR, 1_000_000, 500, "boom");
        }
        timeline.tick(SECOND);
        assertThat(limited.observe(timeline.window())).isEqualTo(0.15);
        assertThat(limited.verdict(0.15)).isEqualTo(Verdict.FAILED);
    }
}
