package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.campaign.StageWatch;
import dev.crescendo.campaign.StageWatch.Observation;
import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.StageConfig.StageSpec;
import dev.crescendo.loadgen.engine.StageState;
import dev.crescendo.loadgen.report.LiveSnapshot;
import dev.crescendo.loadgen.report.OperationLatency;
import dev.crescendo.metrics.Aggregate;
import dev.crescendo.metrics.ExpositionScraper;
import dev.crescendo.metrics.MetricReading;
import dev.crescendo.metrics.PrometheusQueryClient;
import dev.crescendo.metrics.QueryTemplate;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's live view of one running stage, kept in memory between reconciles: the
 * thresholds it judges itself, their {@link StageWatch}, when to evaluate next, and the load
 * generator's last snapshot (the stage's numbers if it has to be halted). Lost on an operator
 * restart, which only restarts the {@code for} clocks.
 */
final class StageMonitor {
    final StageWatch watch;
    private final List<ThresholdSpec> thresholds;
    private final PrometheusQueryClient prometheus;
    private final Map<String, String> queryValues;
    private final Duration interval;
    private final Duration steadyAfter;
    private Instant nextEvaluation;
    private LiveSnapshot lastSnapshot;

    StageMonitor(LoadCampaign c, int run, StageSpec stage, Instant stageStart, String prometheusToken, Instant now) {
        var spec = c.getSpec();
        this.thresholds = spec.thresholds() == null ? List.of()
                : spec.thresholds().stream().filter(t -> !t.isGeneratorSide()).toList();
        this.watch = new StageWatch(thresholds, dev.crescendo.api.HaltSpec.unavailableGrace(spec.halt()),
                dev.crescendo.api.HaltSpec.haltWhenUnavailable(spec.halt()));
        this.interval = dev.crescendo.api.HaltSpec.interval(spec.halt());
        Duration window = Durations.parseOr(spec.halt() == null ? null : spec.halt().window(),
                dev.crescendo.loadgen.engine.StagePlan.DEFAULT_WINDOW);
        // Throughput is only comparable once the ramp is over and the window holds steady load.
        this.steadyAfter = Durations.parseOr(stage.rampUp(), Duration.ZERO).plus(window);
        this.prometheus = thresholds.stream().anyMatch(t -> t.promql() != null) ? new PrometheusQueryClient(
                URI.create(spec.prometheus().url()), prometheusToken,
                Durations.parseOr(spec.prometheus().timeout(), Duration.ofSeconds(5))) : null;
        this.queryValues = queryValues(c, run, stage.name(), stageStart);
        this.nextEvaluation = now.plus(interval);
    }

    /** The values of a PromQL threshold's placeholders for one stage ({@link QueryTemplate}). */
    static Map<String, String> queryValues(LoadCampaign c, int run, String stage, Instant stageStart) {
        Duration window = Durations.parseOr(c.getSpec().halt() == null ? null : c.getSpec().halt().window(),
                dev.crescendo.loadgen.engine.StagePlan.DEFAULT_WINDOW);
        return Map.of("campaign", c.getMetadata().getName(), "namespace", c.getMetadata().getNamespace(),
                "stage", stage, "run", String.valueOf(run), "stageStart", String.valueOf(stageStart.getEpochSecond()),
                "window", Math.max(1, window.toSeconds()) + "s");
    }

    boolean due(Instant now) {
        return !now.isBefore(nextEvaluation);
    }

    Duration untilNext(Instant now) {
        Duration d = Duration.between(now, nextEvaluation);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Releases the Prometheus client's connections; the watch and the last snapshot stay readable. */
    void close() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    LiveSnapshot lastSnapshot() {
        return lastSnapshot;
    }

    /** One evaluation: reads every threshold's source once and feeds the watch. */
    java.util.Optional<StageWatch.Halt> evaluate(LiveSnapshot snapshot, String snapshotProblem, ExpositionScraper scraper,
                                                 Instant now) {
        nextEvaluation = now.plus(interval);
        if (snapshot != null) {
            lastSnapshot = snapshot;
        }
        Map<String, Observation> readings = new LinkedHashMap<>();
        for (ThresholdSpec t : thresholds) {
            if (t.throughput() != null) {
                Observation o = throughput(t.throughput().operation(), snapshot, snapshotProblem);
                if (o != null) {
                    readings.put(t.name(), o);
                }
            } else if (t.promql() != null) {
                readings.put(t.name(), observation(prometheus.instant(QueryTemplate.render(t.promql(), queryValues))));
            } else if (t.scrape() != null) {
                var sm = t.scrape();
                readings.put(t.name(), observation(scraper.read(URI.create(sm.url()), sm.metric(), sm.ratioTo(), sm.labels(),
                        Aggregate.parse(sm.aggregate()))));
            }
        }
        return watch.observe(readings, now);
    }

    /** Requests/s over the generator's window; null (not judged this time) until the stage's load is steady. */
    private Observation throughput(String operation, LiveSnapshot s, String problem) {
        if (s == null) {
            return problem == null ? null : Observation.unavailable(problem);
        }
        if (s.state() != StageState.RUNNING || s.elapsedSeconds() < steadyAfter.toSeconds() || s.window() == null) {
            return null;
        }
        if (operation == null) {
            return Observation.of(s.window().throughputPerSecond());
        }
        OperationLatency op = s.window().operations() == null ? null : s.window().operations().get(operation);
        return op == null || s.window().seconds() <= 0 ? Observation.of(0) : Observation.of(op.count() / s.window().seconds());
    }

    private static Observation observation(MetricReading r) {
        return r.available() ? Observation.of(r.value()) : Observation.unavailable(r.reason());
    }
}
