package dev.crescendo.loadgen.stats;

import dev.crescendo.loadgen.engine.Outcome;
import org.HdrHistogram.Histogram;

/**
 * What happened in one slice of time (one ticker tick, a window, or the whole stage):
 * per-operation latency histograms (microseconds) and outcome counts, plus dropped requests.
 */
public final class Interval {
    /** Up to ten minutes, three significant digits: 0.1% resolution at every latency. */
    static final long HIGHEST_MICROS = 600_000_000L;
    static final int DIGITS = 3;

    private final Histogram[] latency;
    private final long[][] counts;
    private long dropped;
    private long nanos;

    public Interval(int operations) {
        latency = new Histogram[operations];
        counts = new long[operations][Outcome.all().length];
        for (int i = 0; i < operations; i++) {
            latency[i] = newHistogram();
        }
    }

    static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_MICROS, DIGITS);
    }

    public void add(Interval other) {
        for (int op = 0; op < latency.length; op++) {
            latency[op].add(other.latency[op]);
            for (int o = 0; o < counts[op].length; o++) {
                counts[op][o] += other.counts[op][o];
            }
        }
        dropped += other.dropped;
        nanos += other.nanos;
    }

    void setCounts(int op, long[] delta) {
        System.arraycopy(delta, 0, counts[op], 0, delta.length);
    }

    Histogram latencyOf(int op) {
        return latency[op];
    }

    void setDropped(long dropped) {
        this.dropped = dropped;
    }

    void setNanos(long nanos) {
        this.nanos = nanos;
    }

    public void reset() {
        for (int op = 0; op < latency.length; op++) {
            latency[op].reset();
            java.util.Arrays.fill(counts[op], 0);
        }
        dropped = 0;
        nanos = 0;
    }

    public int operations() {
        return latency.length;
    }

    public double seconds() {
        return nanos / 1e9;
    }

    public long dropped() {
        return dropped;
    }

    /** Count of one outcome; {@code op} < 0 means all operations. */
    public long count(int op, Outcome outcome) {
        if (op >= 0) {
            return counts[op][outcome.ordinal()];
        }
        long sum = 0;
        for (long[] c : counts) {
            sum += c[outcome.ordinal()];
        }
        return sum;
    }

    /** Responses of every class; {@code op} < 0 means all operations. */
    public long requests(int op) {
        long sum = 0;
        for (Outcome o : Outcome.all()) {
            sum += count(op, o);
        }
        return sum;
    }

    /** Latency histogram of one operation, or (op < 0) of all merged. */
    public Histogram latency(int op) {
        if (op >= 0) {
            return latency[op];
        }
        Histogram all = newHistogram();
        for (Histogram h : latency) {
            all.add(h);
        }
        return all;
    }

    /** Latency at a percentile in milliseconds, or NaN without data. */
    public double percentileMillis(int op, double percentile) {
        Histogram h = latency(op);
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis(int op) {
        Histogram h = latency(op);
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }
}
