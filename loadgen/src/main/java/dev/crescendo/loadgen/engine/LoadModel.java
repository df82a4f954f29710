package dev.crescendo.loadgen.engine;

import java.time.Duration;

/** How load is applied in a stage (DESIGN §4). */
public sealed interface LoadModel {

    /** {@code vus} users, each sending its next request when the previous one finished (plus think time). */
    record Closed(int vus, Duration rampUp) implements LoadModel {}

    /**
     * {@code ratePerSecond} requests on a fixed timeline, whatever the target's speed; at most
     * {@code maxInFlight} at once, beyond which a scheduled request is counted as dropped.
     */
    record Open(double ratePerSecond, int maxInFlight) implements LoadModel {}
}
