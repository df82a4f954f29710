package dev.crescendo.loadgen.engine;

import dev.crescendo.loadgen.http.ExchangeListener;
import dev.crescendo.loadgen.http.HttpConnection;
import dev.crescendo.loadgen.scenario.Operation;
import io.netty.channel.EventLoop;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A closed-model user: one connection, one request at a time, the next one after the previous
 * finished and the think time passed. Lives entirely on one event loop, so it needs no locks and
 * costs a few hundred bytes plus its connection when idle.
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
        ByteBuf request = run.requests().create(operation);
        startNanos = System.nanoTime();
        run.exchangeStarted();
        if (connection != null && connection.isUsable()) {
            connection.send(request, operation.isHead(), this, operation.timeout().toNanos());
            return;
        }
        run.transport().connect(loop, (opened, error) -> {
            if (opened == null) {
                request.release();
                onFailure(run.classify(error), run.describe(error));
            } else {
                connection = opened;
                opened.send(request, operation.isHead(), this, operation.timeout().toNanos());
            }
        });
    }

    @Override
    public int captureLimit(int status) {
        return StageRun.captureLimit(operation, status);
    }

    @Override
    public void onResponse(HttpConnection from, int status, String body) {
        run.exchangeFinished(operation, startNanos, status, body);
        next();
    }

    @Override
    public void onFailure(dev.crescendo.loadgen.engine.Outcome outcome, String detail) {
        connection = null;
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
