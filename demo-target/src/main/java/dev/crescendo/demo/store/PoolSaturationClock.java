package dev.crescendo.demo.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When pool saturation began: the first moment a request asked for a connection while every pooled
 * connection was checked out, so it had to queue. Only the first moment counts: the halt-latency
 * benchmark measures from it to the last request the load generator sent.
 */
public final class PoolSaturationClock implements MeterBinder {
    public static final String METRIC = "demo.pool.saturated.since.timestamp.seconds";

    private final Clock clock;
    private final AtomicLong sinceMillis = new AtomicLong(); // 0: never saturated

    public PoolSaturationClock(Clock clock) {
        this.clock = clock;
    }

    /** A request is about to wait for a connection because all are busy. */
    public void saturated() {
        if (sinceMillis.get() == 0) {
            sinceMillis.compareAndSet(0, clock.millis());
        }
    }

    public Optional<Instant> since() {
        long ms = sinceMillis.get();
        return ms == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }

    /** Unix time in seconds; 0 before the pool first saturated. */
    public double sinceEpochSeconds() {
        return sinceMillis.get() / 1000.0;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(METRIC, this, PoolSaturationClock::sinceEpochSeconds)
                .description("Unix time of the first request that had to wait for a pooled connection because all were busy; 0 before")
                .register(registry);
    }
}
