package dev.crescendo.loadgen.stats;

import dev.crescendo.loadgen.engine.Outcome;
import dev.crescendo.loadgen.metrics.LoadgenMetrics;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records every finished request from any event-loop thread (wait-free), and hands out one
 * {@link Interval} per tick to the single ticker thread, which keeps the window and the total.
 */
public final class StageStats {
    private final List<String> operationNames;
    private final Recorder[] latency;
    private final LongAdder[][] counts;
    private final long[][] countsSeen;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder interrupted = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private long droppedSeen;
    private final Histogram[] recycled;
    private final ErrorSamples errors = new ErrorSamples();
    private final LoadgenMetrics metrics;

    public StageStats(List<String> operationNames, LoadgenMetrics metrics) {
        this.operationNames = List.copyOf(operationNames);
        this.metrics = metrics;
        int n = operationNames.size();
        latency = new Recorder[n];
        counts = new LongAdder[n][Outcome.all().length];
        countsSeen = new long[n][Outcome.all().length];
        recycled = new Histogram[n];
        for (int op = 0; op < n; op++) {
            latency[op] = new Recorder(1, Interval.HIGHEST_MICROS, Interval.DIGITS);
            for (int o = 0; o < counts[op].length; o++) {
                counts[op][o] = new LongAdder();
            }
        }
    }

    public List<String> operationNames() {
        return operationNames;
    }

    public ErrorSamples errors() {
        return errors;
    }

    /**
     * One finished request.
     *
     * @param status      0 when no response arrived
     * @param errorDetail for non-ok outcomes: the body's first bytes or the transport error
     */
    public void record(int op, Outcome outcome, long latencyNanos, int status, String errorDetail) {
        long micros = Math.max(1, Math.min(latencyNanos / 1000, Interval.HIGHEST_MICROS));
        latency[op].recordValue(micros);
        counts[op][outcome.ordinal()].increment();
        metrics.request(op, outcome, latencyNanos);
        if (outcome != Outcome.OK) {
            errors.add(operationNames.get(op), outcome, status, errorDetail);
        }
    }

    /** A request the open model could not send on time (all in-flight slots busy, or no data yet). */
    public void dropped() {
        dropped.increment();
        metrics.dropped();
    }

    /** A request cut off by the end of the stage or a stop; counted, but in no outcome class. */
    public void interrupted() {
        interrupted.increment();
    }

    /** A request re-sent once on a new connection because its kept-alive connection closed under it. */
    public void retried() {
        retried.increment();
    }

    public long retriedCount() {
        return retried.sum();
    }

    public long interruptedCount() {
        return interrupted.sum();
    }

    /** Moves everything recorded since the last call into {@code into} (cleared first). Ticker thread only. */
    public synchronized void drainInto(Interval into, long nanos) {
        into.reset();
        long[] delta = new long[Outcome.all().length];
        for (int op = 0; op < latency.length; op++) {
            recycled[op] = latency[op].getIntervalHistogram(recycled[op]);
            into.latencyOf(op).add(recycled[op]);
            for (int o = 0; o < delta.length; o++) {
                long now = counts[op][o].sum();
                delta[o] = now - countsSeen[op][o];
                countsSeen[op][o] = now;
            }
            into.setCounts(op, delta);
        }
        long d = dropped.sum();
        into.setDropped(d - droppedSeen);
        droppedSeen = d;
        into.setNanos(nanos);
    }
}
