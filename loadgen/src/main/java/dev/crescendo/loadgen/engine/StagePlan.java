package dev.crescendo.loadgen.engine;

import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.StageConfig;
import dev.crescendo.loadgen.http.TargetAddress;
import dev.crescendo.loadgen.scenario.Operation;
import dev.crescendo.loadgen.scenario.Scenario;
import dev.crescendo.loadgen.threshold.FastFail;
import dev.crescendo.loadgen.threshold.LocalThreshold;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A validated stage config compiled for running, with every default applied. */
public record StagePlan(
        String campaign,
        String namespace,
        String stage,
        TargetAddress target,
        Duration connectTimeout,
        Scenario scenario,
        LoadModel model,
        Duration duration,
        Duration gracefulStop,
        List<LocalThreshold> thresholds,
        int windowSeconds,
        FastFail fastFail,
        Integer metricsPort,
        List<Path> summaryFiles,
        java.util.Set<String> secrets) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_GRACEFUL_STOP = Duration.ofSeconds(5);
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    public static StagePlan of(StageConfig c) {
        return of(c, List.of());
    }

    /** @param extraSummaryFiles where else the summary goes besides {@code summaryFile} (e.g. --summary-out) */
    public static StagePlan of(StageConfig c, List<Path> extraSummaryFiles) {
        Scenario scenario = Scenario.compile(c.scenario());
        List<String> names = scenario.operations().stream().map(Operation::name).toList();
        var s = c.stage();
        LoadModel model = s.vus() != null
                ? new LoadModel.Closed(s.vus(), Durations.parseOr(s.rampUp(), Duration.ZERO))
                : new LoadModel.Open(s.arrivalRate(), s.maxInFlight() != null ? s.maxInFlight() : defaultMaxInFlight(s.arrivalRate()));
        Duration window = Durations.parseOr(c.thresholdWindow(), DEFAULT_WINDOW);
        return new StagePlan(
                c.campaign() != null ? c.campaign() : "",
                c.namespace() != null ? c.namespace() : "",
                s.name(),
                TargetAddress.of(c.target().baseUrl()),
                Durations.parseOr(c.target().connectTimeout(), DEFAULT_CONNECT_TIMEOUT),
                scenario,
                model,
                Durations.parse(s.duration()),
                Durations.parseOr(s.gracefulStop(), DEFAULT_GRACEFUL_STOP),
                c.thresholds() == null ? List.of() : c.thresholds().stream().map(t -> LocalThreshold.compile(t, names)).toList(),
                (int) Math.max(1, window.toSeconds()),
                FastFail.of(c.fastFail()),
                c.metricsPort(),
                summaryFiles(c.summaryFile(), extraSummaryFiles),
                java.util.Set.of());
    }

    /** The plan with the secret values its reports must never contain (see {@code SecretVariables}). */
    public StagePlan withSecrets(java.util.Set<String> values) {
        return new StagePlan(campaign, namespace, stage, target, connectTimeout, scenario, model, duration, gracefulStop,
                thresholds, windowSeconds, fastFail, metricsPort, summaryFiles, java.util.Set.copyOf(values));
    }

    private static List<Path> summaryFiles(String configured, List<Path> extra) {
        java.util.List<Path> all = new java.util.ArrayList<>();
        if (configured != null) {
            all.add(Path.of(configured));
        }
        all.addAll(extra);
        return List.copyOf(all);
    }

    /** Room for two seconds of arrivals stuck behind a stalled target, within sane connection counts. */
    static int defaultMaxInFlight(double rate) {
        return (int) Math.min(20_000, Math.max(100, Math.ceil(rate * 2)));
    }

    public List<String> operationNames() {
        return scenario.operations().stream().map(Operation::name).toList();
    }
}
