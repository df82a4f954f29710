package dev.crescendo.loadgen.engine;

import dev.crescendo.loadgen.http.RequestFactory;
import dev.crescendo.loadgen.http.Transport;
import dev.crescendo.loadgen.metrics.LoadgenMetrics;
import dev.crescendo.loadgen.metrics.StatusServer;
import dev.crescendo.loadgen.report.LiveSnapshot;
import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.report.SummaryJson;
import dev.crescendo.loadgen.scenario.Operation;
import dev.crescendo.loadgen.scenario.Scenario;
import dev.crescendo.loadgen.stats.ErrorSamples;
import dev.crescendo.loadgen.stats.Interval;
import dev.crescendo.loadgen.stats.StageStats;
import dev.crescendo.loadgen.stats.StatsTimeline;
import dev.crescendo.loadgen.threshold.ThresholdMonitor;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one stage: starts the users or the arrival timeline, ticks once a second (window, local
 * thresholds, fast-fail, live snapshot), stops at the end of the duration or at once on an abort,
 * and produces the {@link Summary}.
 */
public final class StageRun {
    /** Bodies of expected responses are read up to this size, for checks and extraction. */
    static final int MAX_CHECKED_BODY_BYTES = 1 << 20;

    private final StagePlan plan;
    private final LoadgenMetrics metrics;
    private final StageStats stats;
    private final Transport transport;
    private final RequestFactory requests;
    private final ThresholdMonitor monitor;
    private final StageReporter reporter;
    private final Consumer<LiveSnapshot> progress;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger activeUsers = new AtomicInteger();
    private final AtomicReference<String> abortReason = new AtomicReference<>();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object drainedLock = new Object();
    private volatile StageState state = StageState.STARTING;
    private volatile LiveSnapshot live;
    private volatile int statusPort;
    private StatsTimeline timeline;
    private long startNanos;

    /**
     * The window advances, thresholds are judged and the snapshot refreshed four times a second, so
     * a breach stops the load within about a quarter of a second of the window showing it.
     */
    static final int TICKS_PER_SECOND = 4;
    private static final long TICK_MILLIS = 1000 / TICKS_PER_SECOND;

    /** @param threads event loops (0: one per core) */
    public StageRun(StagePlan plan, int threads, Consumer<LiveSnapshot> progress) {
        this.plan = plan;
        List<String> names = plan.operationNames();
        this.metrics = new LoadgenMetrics(plan.campaign(), plan.namespace(), plan.stage(), names);
        this.stats = new StageStats(names, metrics);
        this.transport = new Transport(plan.target(), plan.connectTimeout(),
                threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        this.requests = new RequestFactory(plan.target(), plan.scenario().operations(), plan.scenario().variables());
        this.monitor = new ThresholdMonitor(plan.thresholds());
        this.reporter = new StageReporter(plan.stage(), names);
        this.progress = progress;
    }

    public Summary run() throws IOException {
        StatusServer server = plan.metricsPort() == null ? null
                : new StatusServer("0.0.0.0", plan.metricsPort(), metrics, this::snapshotJson);
        if (server != null) {
            statusPort = server.port();
            System.err.println("crescendo loadgen: serving /metrics and /snapshot on port " + statusPort);
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crescendo-ticker");
            t.setDaemon(true);
            return t;
        });
        try {
            startNanos = System.nanoTime();
            timeline = new StatsTimeline(stats, plan.windowSeconds() * TICKS_PER_SECOND, startNanos);
            state = StageState.RUNNING;
            if (abortReason.get() != null) {
                state = StageState.STOPPED; // terminated before the first request
            } else {
                startLoad();
            }
            ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            stopSignal.await(plan.duration().toNanos(), TimeUnit.NANOSECONDS);
            if (abortReason.get() == null) {
                state = StageState.DRAINING;
                awaitDrained(plan.gracefulStop());
            }
            state = StageState.STOPPED;
            long stopNanos = System.nanoTime();
            transport.closeAllConnections();
            ticker.shutdown();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            timeline.tick(System.nanoTime());
            Interval total = timeline.total();
            Summary summary = reporter.summary(total, (stopNanos - startNanos) / 1e9, stats.interruptedCount(), stats.retriedCount(),
                    monitor.finalResults(total), stats.errors(), abortReason.get()).redact(plan.secrets());
            live = reporter.snapshot(StageState.FINISHED, (stopNanos - startNanos) / 1e9, plan.duration().toMillis() / 1e3,
                    0, 0, total, timeline.window(), monitor.live(), abortReason.get());
            writeSummary(summary);
            return summary;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            ticker.shutdownNow();
            transport.close();
            requests.close(); // after the event loops stopped: nothing writes the shared bytes any more
            if (server != null) {
                server.close();
            }
            finished.countDown();
        }
    }

    /** The stage's Prometheus metrics, for a status endpoint served by an embedding process. */
    public LoadgenMetrics metrics() {
        return metrics;
    }

    /** The port /metrics and /snapshot are served on once {@link #run()} started (0: not served). */
    public int statusPort() {
        return statusPort;
    }

    /** Stops sending at once; the summary records {@code reason}. The first reason wins. Any thread. */
    public void abort(String reason) {
        if (abortReason.compareAndSet(null, reason)) {
            state = StageState.STOPPED;
            stopSignal.countDown();
        }
    }

    /** Waits until {@link #run()} has written its summary (used by the SIGTERM hook). */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public LiveSnapshot live() {
        return live;
    }

    public String snapshotJson() {
        LiveSnapshot s = live;
        return s == null ? "{\"state\":\"starting\"}" : SummaryJson.toJson(s);
    }

    private void startLoad() {
        List<EventLoop> loops = transport.loops();
        switch (plan.model()) {
            case LoadModel.Closed closed -> {
                long thinkNanos = plan.scenario().thinkTime().toNanos();
                for (int i = 0; i < closed.vus(); i++) {
                    VirtualUser user = new VirtualUser(this, loops.get(i % loops.size()), thinkNanos);
                    long delay = closed.rampUp().toNanos() * i / closed.vus();
                    loops.get(i % loops.size()).schedule(user::start, delay, TimeUnit.NANOSECONDS);
                }
            }
            case LoadModel.Open open -> {
                long end = startNanos + plan.duration().toNanos();
                for (int k = 0; k < loops.size(); k++) {
                    loops.get(k).execute(new ArrivalScheduler(this, loops.get(k), k, loops.size(),
                            open.ratePerSecond(), open.maxInFlight(), startNanos, end));
                }
            }
        }
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            timeline.tick(now);
            Interval window = timeline.window();
            Interval total = timeline.total();
            boolean closed = plan.model() instanceof LoadModel.Closed;
            metrics.activeVus(closed ? activeUsers.get() : inFlight.get());
            String reason = monitor.evaluate(window, now);
            if (reason == null) {
                reason = plan.fastFail().check(total, now - startNanos);
            }
            if (reason != null) {
                abort(reason);
            }
            live = reporter.snapshot(state, (now - startNanos) / 1e9,
                    plan.duration().toMillis() / 1e3, activeUsers.get(), inFlight.get(), total, window,
                    monitor.live(), abortReason.get());
            progress.accept(live);
        } catch (RuntimeException e) {
            // A failed tick must not stop the ticker (scheduleAtFixedRate would cancel it).
            System.err.println("crescendo loadgen: tick failed: " + e);
        }
    }

    private void awaitDrained(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (drainedLock) {
            long left;
            while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(drainedLock, left);
            }
        }
    }

    private void writeSummary(Summary summary) throws IOException {
        String json = SummaryJson.write(summary);
        for (Path file : plan.summaryFiles()) {
            write(file, json);
        }
    }

    static void write(Path file, String json) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    // ---- called by users and arrivals on event-loop threads ----

    Scenario scenario() {
        return plan.scenario();
    }

    RequestFactory requests() {
        return requests;
    }

    Transport transport() {
        return transport;
    }

    StageStats stats() {
        return stats;
    }

    boolean acceptsNewRequests() {
        return state == StageState.RUNNING;
    }

    /** A request already under way may still be re-sent (stale connection) until the hard stop. */
    boolean acceptsRetries() {
        return state == StageState.RUNNING || state == StageState.DRAINING;
    }

    int inFlight() {
        return inFlight.get();
    }

    void userStarted() {
        activeUsers.incrementAndGet();
    }

    void userFinished() {
        activeUsers.decrementAndGet();
    }

    void exchangeStarted() {
        inFlight.incrementAndGet();
    }

    void exchangeFinished(Operation op, long startNanos, int status, String body) {
        long latency = System.nanoTime() - startNanos;
        if (cutOff()) {
            return;
        }
        Operation.Judgement judgement = op.judge(status, body, plan.scenario().variables());
        String detail = judgement.outcome() == Outcome.OK ? null
                : judgement.detail() != null ? judgement.detail() : body;
        stats.record(op.index(), judgement.outcome(), latency, status, detail);
        release();
    }

    void exchangeFailed(Operation op, long startNanos, Outcome outcome, String detail) {
        long latency = System.nanoTime() - startNanos;
        if (cutOff()) {
            return;
        }
        stats.record(op.index(), outcome, latency, 0, detail);
        release();
    }

    /** True (and the exchange only counted as interrupted) when it finished after the hard stop. */
    private boolean cutOff() {
        if (state == StageState.STOPPED) {
            stats.interrupted();
            release();
            return true;
        }
        return false;
    }

    /**
     * Ends an exchange's in-flight slot, after it was recorded: the drain at the end of the stage
     * waits for in-flight to reach zero, so a request the target answered is always in the summary.
     */
    private void release() {
        int left = inFlight.decrementAndGet();
        if (left == 0 && state == StageState.DRAINING) {
            synchronized (drainedLock) {
                drainedLock.notifyAll();
            }
        }
    }

    static int captureLimit(Operation op, int status) {
        if (!op.statusExpected(status)) {
            return ErrorSamples.MAX_BODY_BYTES;
        }
        return op.needsBody() ? MAX_CHECKED_BODY_BYTES : 0;
    }
}
