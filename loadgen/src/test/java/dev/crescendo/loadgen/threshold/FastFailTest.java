package dev.crescendo.loadgen.threshold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.loadgen.config.StageConfig.FastFailSpec;
import dev.crescendo.loadgen.engine.Outcome;
import dev.crescendo.loadgen.metrics.LoadgenMetrics;
import dev.crescendo.loadgen.stats.Interval;
import dev.crescendo.loadgen.stats.StageStats;
import dev.crescendo.loadgen.stats.StatsTimeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class FastFailTest {
    private static final long SECOND = 1_000_000_000L;
    private final StageStats stats = new StageStats(List.of("send"), new LoadgenMetrics("c", "n", "s", List.of("send")));
    private final StatsTimeline timeline = new StatsTimeline(stats, 10, 0);
    private final FastFail fastFail = FastFail.of(null);

    private Interval after(int refused, int errors, int ok, int timeouts) {
        for (int i = 0; i < refused; i++) {
            stats.record(0, Outcome.CONNECT_REFUSED, 200_000, 0, "Connection refused");
        }
        for (int i = 0; i < errors; i++) {
            stats.record(0, Outcome.CONNECT_ERROR, 200_000, 0, "reset");
        }
        for (int i = 0; i < ok; i++) {
            stats.record(0, Outcome.OK, 200_000, 200, null);
        }
        for (int i = 0; i < timeouts; i++) {
            stats.record(0, Outcome.TIMEOUT, 200_000, 0, "timeout");
        }
        timeline.tick(SECOND);
        return timeline.total();
    }

    @Test
    void report002ConnectionRefusedEverywhereStops() {
        // Report 002: 56,250 requests, every one "connection refused", sub-millisecond "latencies".
        Interval total = after(56_250, 0, 0, 0);
        assertThat(fastFail.check(total, 2 * SECOND)).isNull(); // not before `after` (3 s)
        assertThat(fastFail.check(total, 3 * SECOND)).isEqualTo("target unreachable: 56250 of 56250 requests could not"
                + " connect (56250 connect_refused, 0 connect_error) and none succeeded in the first 3s");
    }

    @Test
    void oneSuccessMeansTheTargetIsThere() {
        assertThat(fastFail.check(after(5000, 0, 1, 0), 5 * SECOND)).isNull();
    }

    @Test
    void mixedConnectFailuresCountTogether() {
        assertThat(fastFail.check(after(60, 40, 0, 0), 5 * SECOND)).contains("60 connect_refused, 40 connect_error");
    }

    @Test
    void timeoutsAreNotUnreachable() {
        assertThat(fastFail.check(after(10, 0, 0, 90), 5 * SECOND)).isNull();
    }

    @Test
    void tooFewAttemptsOrDisabledNeverTrigger() {
        assertThat(fastFail.check(after(9, 0, 0, 0), 5 * SECOND)).isNull();
        FastFail off = FastFail.of(new FastFailSpec(false, null, null, null));
        assertThat(off.check(after(1000, 0, 0, 0), 5 * SECOND)).isNull();
    }
}
