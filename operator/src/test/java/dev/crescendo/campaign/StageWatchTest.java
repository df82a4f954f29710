package dev.crescendo.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.campaign.StageWatch.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageWatchTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    private static ThresholdSpec promql(String name, String query, String warn, String fail, String sustain) {
        return new ThresholdSpec(name, null, null, null, null, query, null, warn, fail, sustain);
    }

    private static ThresholdSpec throughput(String fail) {
        return new ThresholdSpec("throughput", null, null, null, new ThresholdSpec.ThroughputMetric(null), null, null, null,
                fail, null);
    }

    @Test
    void poolBreachLastingItsForHaltsWithTheObservedValueAndLimit() {
        StageWatch w = new StageWatch(List.of(promql("pool", "hikaricp_connections_active / hikaricp_connections_max",
                "0.7", "0.9", "2s")), Duration.ofSeconds(10), true);
        assertThat(w.observe(Map.of("pool", Observation.of(0.5)), T0)).isEmpty();
        assertThat(w.observe(Map.of("pool", Observation.of(1.0)), T0.plusSeconds(1))).isEmpty(); // for: 2s not yet over
        var halt = w.observe(Map.of("pool", Observation.of(1.0)), T0.plusSeconds(3)).orElseThrow();
        assertThat(halt.threshold()).isEqualTo("pool");
        assertThat(halt.observed()).isEqualTo("1");
        assertThat(halt.limit()).isEqualTo("above 0.9");
        assertThat(halt.metricsUnavailable()).isFalse();
        assertThat(w.finalResults()).containsExactly(new StageWatch.FinalResult("pool", "1", "above 0.9", Verdict.FAILED));
        assertThat(w.mean("pool")).isCloseTo(0.8333, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void throughputBelowItsFloorBreaches() {
        StageWatch w = new StageWatch(List.of(throughput("< 100")), Duration.ofSeconds(10), true);
        assertThat(w.observe(Map.of("throughput", Observation.of(150)), T0)).isEmpty();
        assertThat(w.observe(Map.of("throughput", Observation.of(80)), T0.plusSeconds(5))).isPresent();
    }

    @Test
    void missingDataHaltsAfterTheGraceOnlyUnderTheHaltPolicyAndNeverPasses() {
        ThresholdSpec pool = promql("pool", "x", null, "0.9", null);
        StageWatch halting = new StageWatch(List.of(pool), Duration.ofSeconds(3), true);
        assertThat(halting.observe(Map.of("pool", Observation.unavailable("query returned no series")), T0)).isEmpty();
        var halt = halting.observe(Map.of("pool", Observation.unavailable("query returned no series")), T0.plusSeconds(3));
        assertThat(halt).isPresent();
        assertThat(halt.get().metricsUnavailable()).isTrue();
        assertThat(halt.get().reason()).contains("no data for 3s").contains("query returned no series");

        StageWatch continuing = new StageWatch(List.of(pool), Duration.ofSeconds(3), false);
        continuing.observe(Map.of("pool", Observation.unavailable("Prometheus unreachable")), T0);
        assertThat(continuing.observe(Map.of("pool", Observation.unavailable("Prometheus unreachable")), T0.plusSeconds(30)))
                .isEmpty();
        assertThat(continuing.finalResults().get(0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(continuing.finalResults().get(0).observed()).contains("Prometheus unreachable");
    }

    @Test
    void stageEndVerdicts() {
        ThresholdSpec t = promql("p", "x", "0.7", "0.9", "10s");
        StageWatch neverRead = new StageWatch(List.of(t), Duration.ofSeconds(10), true);
        assertThat(neverRead.finalResults().get(0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(neverRead.finalResults().get(0).observed()).isEqualTo("no reading during the stage");

        StageWatch warned = new StageWatch(List.of(t), Duration.ofSeconds(10), true);
        warned.observe(Map.of("p", Observation.of(0.8)), T0);
        warned.observe(Map.of("p", Observation.of(0.5)), T0.plusSeconds(5));
        assertThat(warned.finalResults().get(0).verdict()).isEqualTo(Verdict.MARGINAL); // a warn crossed during the stage

        StageWatch failingAtEnd = new StageWatch(List.of(t), Duration.ofSeconds(10), true);
        failingAtEnd.observe(Map.of("p", Observation.of(0.95)), T0); // over fail, but not for 10s: no halt
        assertThat(failingAtEnd.finalResults().get(0).verdict()).isEqualTo(Verdict.FAILED);

        StageWatch fine = new StageWatch(List.of(t), Duration.ofSeconds(10), true);
        fine.observe(Map.of("p", Observation.of(0.2)), T0);
        assertThat(fine.finalResults().get(0)).isEqualTo(new StageWatch.FinalResult("p", "0.2", "above 0.9", Verdict.PASSED));
    }

    @Test
    void aThresholdNotReadThisTimeIsNotJudged() {
        StageWatch w = new StageWatch(List.of(throughput("< 100")), Duration.ofSeconds(1), true);
        assertThat(w.observe(Map.of(), T0)).isEmpty();
        assertThat(w.observe(Map.of(), T0.plusSeconds(60))).isEmpty(); // still ramping: neither a breach nor missing data
        assertThat(w.states().get(0).reason()).isEqualTo("no evaluation yet");
    }

    @Test
    void numbersAreShownWithFourSignificantDigits() {
        assertThat(StageWatch.format(0.93751)).isEqualTo("0.9375");
        assertThat(StageWatch.format(1234.5678)).isEqualTo("1235");
        assertThat(StageWatch.format(0.000123456)).isEqualTo("0.0001235");
        assertThat(StageWatch.format(2.0)).isEqualTo("2");
    }
}
