package dev.crescendo.loadgen.engine;

import dev.crescendo.loadgen.http.ExchangeListener;
import dev.crescendo.loadgen.http.HttpConnection;
import dev.crescendo.loadgen.scenario.Operation;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Open model on one event loop: its share of the arrivals, each at a fixed time on the timeline.
 * Latency counts from the scheduled time, so a target that stalls (or a generator that falls
 * behind) shows the full wait instead of hiding it (no coordinated omission). A request with no
 * free in-flight slot at its time is counted as dropped.
 */
final class ArrivalScheduler implements Runnable {
    private final StageRun run;
    private final EventLoop loop;
    private final long startNanos;
    private final long endNanos;
    private final double intervalNanos;
    private final double offsetNanos;
    private final int maxInFlight;
    private final ArrayDeque<HttpConnection> idle = new ArrayDeque<>();
    private long issued;

    /** Loop {@code k} of {@code n} takes arrivals k, k+n, k+2n, ... of the whole timeline. */
    ArrivalScheduler(StageRun run, EventLoop loop, int k, int n, double ratePerSecond, int maxInFlight,
                     long startNanos, long endNanos) {
        this.run = run;
        this.loop = loop;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.intervalNanos = 1e9 * n / ratePerSecond;
        this.offsetNanos = 1e9 * k / ratePerSecond;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long next = scheduledTime(issued);
        while (next <= now && next < endNanos) {
            if (!run.acceptsNewRequests()) {
                return;
            }
            issue(next);
            next = scheduledTime(++issued);
        }
        if (next < endNanos && run.acceptsNewRequests()) {
            loop.schedule(this, next - now, TimeUnit.NANOSECONDS);
        }
    }

    private long scheduledTime(long i) {
        return startNanos + (long) (offsetNanos + i * intervalNanos);
    }

    private void issue(long scheduledNanos) {
        Operation op = run.scenario().pick(ThreadLocalRandom.current());
        if (op == null || run.inFlight() >= maxInFlight) {
            run.stats().dropped();
            return;
        }
        run.exchangeStarted();
        new Arrival(op, scheduledNanos).send(idleConnection());
    }

    private HttpConnection idleConnection() {
        HttpConnection connection;
        while ((connection = idle.pollLast()) != null) {
            if (connection.isUsable()) {
                return connection;
            }
        }
        return null;
    }

    private final class Arrival implements ExchangeListener {
        private final Operation op;
        private final long scheduledNanos;
        private boolean retried;

        Arrival(Operation op, long scheduledNanos) {
            this.op = op;
            this.scheduledNanos = scheduledNanos;
        }

        /** @param connection an idle connection to reuse, or null for a new one */
        void send(HttpConnection connection) {
            run.transport().exchange(loop, connection, run.requests().create(op), op.isHead(), this,
                    op.timeout().toNanos());
        }

        @Override
        public int captureLimit(int status) {
            return StageRun.captureLimit(op, status);
        }

        @Override
        public void onResponse(HttpConnection from, int status, String body) {
            run.exchangeFinished(op, scheduledNanos, status, body);
            if (from.isUsable()) {
                idle.addLast(from);
            }
        }

        @Override
        public void onFailure(Outcome outcome, String detail, boolean staleConnection) {
            if (staleConnection && !retried && op.isIdempotent() && run.acceptsRetries()) {
                retried = true;
                run.stats().retried();
                send(null); // another idle connection may be just as stale
                return;
            }
            run.exchangeFailed(op, scheduledNanos, outcome, detail);
        }
    }
}
