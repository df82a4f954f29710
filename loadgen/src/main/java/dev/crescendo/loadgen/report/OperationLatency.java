package dev.crescendo.loadgen.report;

import dev.crescendo.loadgen.stats.Interval;

/** Count and latency percentiles of one operation, in milliseconds (microsecond precision). */
public record OperationLatency(long count, Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs) {

    public static OperationLatency of(Interval interval, int op) {
        long count = interval.requests(op);
        if (count == 0) {
            return new OperationLatency(0, null, null, null, null);
        }
        return new OperationLatency(count, ms(interval.percentileMillis(op, 50)), ms(interval.percentileMillis(op, 95)),
                ms(interval.percentileMillis(op, 99)), ms(interval.maxMillis(op)));
    }

    static Double ms(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
    }
}
