package dev.crescendo.demo.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PoolSaturationClockTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void isZeroBeforeAndKeepsTheFirstMomentOfSaturation() {
        ManualClock clock = new ManualClock();
        PoolSaturationClock saturation = new PoolSaturationClock(clock);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        saturation.bindTo(registry);
        assertThat(saturation.since()).isEmpty();
        assertThat(registry.get(PoolSaturationClock.METRIC).gauge().value()).isZero();

        clock.now = Instant.parse("2026-01-01T00:00:01.250Z");
        saturation.saturated();
        clock.now = Instant.parse("2026-01-01T00:00:05Z");
        saturation.saturated();

        assertThat(saturation.since()).hasValue(Instant.parse("2026-01-01T00:00:01.250Z"));
        assertThat(registry.get(PoolSaturationClock.METRIC).gauge().value())
                .isEqualTo(Instant.parse("2026-01-01T00:00:01.250Z").toEpochMilli() / 1000.0);
    }
}
