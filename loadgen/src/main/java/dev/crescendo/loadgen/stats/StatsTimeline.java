package dev.crescendo.loadgen.stats;

import java.util.ArrayDeque;

/**
 * The ticker's view of a stage: the total so far and a sliding window of the last few seconds,
 * built from one {@link Interval} per tick. Windowed numbers make a late breach visible instead of
 * diluting it in the whole run.
 */
public final class StatsTimeline {
    private final StageStats stats;
    private final int windowTicks;
    private final ArrayDeque<Interval> recent = new ArrayDeque<>();
    private final Interval total;
    private long lastTickNanos;

    public StatsTimeline(StageStats stats, int windowTicks, long startNanos) {
        this.stats = stats;
        this.windowTicks = Math.max(1, windowTicks);
        this.total = new Interval(stats.operationNames().size());
        this.lastTickNanos = startNanos;
    }

    /** Drains the recorders into a new tick; returns it. */
    public synchronized Interval tick(long nowNanos) {
        Interval slice = recent.size() >= windowTicks ? recent.removeFirst() : new Interval(stats.operationNames().size());
        stats.drainInto(slice, nowNanos - lastTickNanos);
        lastTickNanos = nowNanos;
        recent.addLast(slice);
        total.add(slice);
        return slice;
    }

    /** The last {@code windowTicks} ticks merged. */
    public synchronized Interval window() {
        Interval merged = new Interval(stats.operationNames().size());
        recent.forEach(merged::add);
        return merged;
    }

    public synchronized Interval total() {
        Interval copy = new Interval(stats.operationNames().size());
        copy.add(total);
        return copy;
    }
}
