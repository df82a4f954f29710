package dev.crescendo.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crescendo.campaign.ThresholdEvaluator.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThresholdEvaluatorTest {
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void levelsParseDirectionsUnitsAndPercentages() {
        assertThat(Level.parse("250ms", Level.Unit.MILLISECONDS)).isEqualTo(new Level(false, 250.0, "250ms"));
        assertThat(Level.parse("1.5s", Level.Unit.MILLISECONDS).value()).isEqualTo(1500.0);
        assertThat(Level.parse("90%", Level.Unit.NUMBER).value()).isEqualTo(0.9);
        Level cacheHit = Level.parse("< 0.8", Level.Unit.NUMBER);
        assertThat(cacheHit.belowIsBad()).isTrue();
        assertThat(cacheHit.crossed(0.75)).isTrue();
        assertThat(cacheHit.crossed(0.85)).isFalse();
        assertThat(Level.parse("> 0.9", Level.Unit.NUMBER).crossed(0.95)).isTrue();
        assertThat(cacheHit.toString()).isEqualTo("below 0.8");
        assertThatThrownBy(() -> Level.parse("lots", Level.Unit.NUMBER)).hasMessageContaining("invalid level 'lots'");
        assertThatThrownBy(() -> Level.parse("5 seconds", Level.Unit.MILLISECONDS)).hasMessageContaining("e.g. 500ms");
    }

    @Test
    void aPoolAboveItsFailLevelForItsSustainTimeHalts() {
        var pool = new ThresholdEvaluator("pool", Level.parse("0.7", Level.Unit.NUMBER), Level.parse("0.9", Level.Unit.NUMBER),
                Duration.ofSeconds(15), Duration.ofSeconds(30), true);
        assertThat(pool.observe(0.5, at(0)).state()).isEqualTo(State.OK);
        assertThat(pool.observe(0.8, at(5)).state()).isEqualTo(State.WARN);
        var first = pool.observe(0.97, at(10));
        assertThat(first.state()).isEqualTo(State.FAIL);
        assertThat(first.halt()).isFalse();
        assertThat(pool.observe(0.96, at(20)).halt()).isFalse();
        var sustained = pool.observe(0.98, at(25));
        assertThat(sustained.halt()).isTrue();
        assertThat(sustained.reason()).isEqualTo("threshold pool breached: 0.98, fail above 0.9 for 15s");
    }

    @Test
    void aRecoveryResetsTheSustainClock() {
        var p95 = new ThresholdEvaluator("p95", null, Level.parse("250ms", Level.Unit.MILLISECONDS), Duration.ofSeconds(10),
                Duration.ofSeconds(30), true);
        assertThat(p95.observe(300.0, at(0)).halt()).isFalse();
        assertThat(p95.observe(200.0, at(5)).state()).isEqualTo(State.OK);
        assertThat(p95.observe(300.0, at(8)).halt()).isFalse();
        assertThat(p95.observe(300.0, at(15)).halt()).isFalse();
        assertThat(p95.observe(300.0, at(18)).halt()).isTrue();
    }

    @Test
    void throughputBelowItsLevelIsTheBadSide() {
        var throughput = new ThresholdEvaluator("rps", null, Level.parse("< 100", Level.Unit.NUMBER), null,
                Duration.ofSeconds(30), true);
        assertThat(throughput.observe(150.0, at(0)).state()).isEqualTo(State.OK);
        assertThat(throughput.observe(80.0, at(1)).halt()).isTrue();
    }

    @Test
    void missingDataIsUnavailableAndHaltsAfterTheGraceOnlyWhenThePolicySaysSo() {
        var halting = new ThresholdEvaluator("pool", null, Level.parse("0.9", Level.Unit.NUMBER), null, Duration.ofSeconds(10), true);
        assertThat(halting.observe(null, at(0))).satisfies(r -> {
            assertThat(r.state()).isEqualTo(State.UNAVAILABLE);
            assertThat(r.halt()).isFalse();
        });
        assertThat(halting.observe(Double.NaN, at(5)).halt()).isFalse();
        var later = halting.observe(null, at(10));
        assertThat(later.halt()).isTrue();
        assertThat(later.reason()).contains("no data for 10s");

        var continuing = new ThresholdEvaluator("pool", null, Level.parse("0.9", Level.Unit.NUMBER), null, Duration.ofSeconds(10), false);
        continuing.observe(null, at(0));
        assertThat(continuing.observe(null, at(60)).halt()).isFalse();
        assertThat(continuing.observe(0.5, at(61)).state()).isEqualTo(State.OK);
    }

    @Test
    void dataComingBackResetsTheUnavailableClock() {
        var e = new ThresholdEvaluator("pool", null, Level.parse("0.9", Level.Unit.NUMBER), null, Duration.ofSeconds(10), true);
        e.observe(null, at(0));
        e.observe(0.5, at(8));
        assertThat(e.observe(null, at(12)).halt()).isFalse();
        assertThat(e.observe(null, at(22)).halt()).isTrue();
    }
}
