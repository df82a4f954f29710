package dev.crescendo.loadgen.engine;

import dev.crescendo.loadgen.http.ExchangeListener;
import dev.crescendo.loadgen.http.HttpConnection;
import dev.crescendo.loadgen.scenario.Operation;
import io.netty.channel.EventLoop;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A closed-model user: one connection, one request at a time, the next one after the previous
 * finished and the think time passed. Lives entirely on one event loop, so it needs no locks and
 * costs a few kilobytes with its connection when idle (bench/memory).
 */
final class VirtualUser implements ExchangeListener {
    /** How soon a user whose operations all wait for extracted values tries again. */
    private static final long WAIT_FOR_DATA_MILLIS = 20;

    private final StageRun run;
    private final EventLoop loop;
    private final long thinkNanos;
    private HttpConnection connection;
    private Operation operation;
    private long startNanos;
    private boolean retried;

    VirtualUser(StageRun run, EventLoop loop, long thinkNanos) {
        this.run = run;
        this.loop = loop;
        this.thinkNanos = thinkNanos;
    }

    void start() {
        run.userStarted();
        iterate();
    }

    private void iterate() {
        if (!run.acceptsNewRequests()) {
            run.userFinished();
            return;
        }
        operation = run.scenario().pick(ThreadLocalRandom.current());
        if (operation == null) {
            loop.schedule(this::iterate, WAIT_FOR_DATA_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        startNanos = System.nanoTime();
        retried = false;
        run.exchangeStarted();
        send();
    }

    private void send() {
        run.transport().exchange(loop, connection, run.requests().create(operation), operation.isHead(), this,
                operation.timeout().toNanos());
    }

    @Override
    public int captureLimit(int status) {
        return StageRun.captureLimit(operation, status);
    }

    @Override
    public void onResponse(HttpConnection from, int status, String body) {
        connection = from;
        run.exchangeFinished(operation, startNanos, status, body);
        next();
    }

    @Override
    public void onFailure(Outcome outcome, String detail, boolean staleConnection) {
        connection = null;
        if (staleConnection && !retried && operation.isIdempotent() && run.acceptsRetries()) {
            retried = true;
            run.stats().retried();
            send();
            return;
        }
        run.exchangeFailed(operation, startNanos, outcome, detail);
        next();
    }

    private void next() {
        if (thinkNanos > 0) {
            loop.schedule(this::iterate, thinkNanos, TimeUnit.NANOSECONDS);
        } else {
            iterate();
        }
    }
}
