package dev.crescendo.demo.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the last request arrived: with {@code PoolSaturationClock}, the halt-latency benchmark's two
 * timestamps (how long load kept coming after the pool saturated).
 */
public final class RequestArrivalClock implements MeterBinder {
    public static final String METRIC = "demo.last.request.timestamp.seconds";

    private final Clock clock;
    private final AtomicLong lastMillis = new AtomicLong(); // 0: no request yet

    public RequestArrivalClock(Clock clock) {
        this.clock = clock;
    }

    public void arrived() {
        lastMillis.set(clock.millis());
    }

    public Optional<Instant> last() {
        long ms = lastMillis.get();
        return ms == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }

    /** Unix time in seconds; 0 before the first request. */
    public double lastEpochSeconds() {
        return lastMillis.get() / 1000.0;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(METRIC, this, RequestArrivalClock::lastEpochSeconds)
                .description("Unix time the last request arrived (scrapes and health checks not counted); 0 before")
                .register(registry);
    }
}
