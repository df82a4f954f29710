package dev.crescendo.campaign;

import dev.crescendo.campaign.StageEvidence.Sample;
import dev.crescendo.campaign.StageEvidence.ThresholdReading;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The diagnosis table (DESIGN §6): rules in order, the first that applies names the cause. The
 * order puts what makes the other numbers meaningless first (the generator did not run, no metrics,
 * nothing connected), then what the target said on purpose (429, 4xx), then overload (pool, 5xx,
 * latency). A stage that passed has no cause.
 */
public final class DiagnosisRules {
    /** A share of responses that is more than noise. */
    static final double RATE_LIMITED_SHARE = 0.05;
    static final double ERROR_SHARE = 0.01;
    static final double LATENCY_GROWTH = 2.0;

    record Rule(Cause cause, Predicate<StageEvidence> applies, Function<StageEvidence, Diagnosis> explain) {}

    static final List<Rule> TABLE = List.of(
            new Rule(Cause.LoadGeneratorFailure, e -> e.generatorFailure() != null,
                    e -> new Diagnosis(Cause.LoadGeneratorFailure, "the load generator could not run: " + e.generatorFailure(),
                            List.of(e.generatorFailure()), List.of())),
            new Rule(Cause.MetricsUnavailable, e -> e.metricsUnavailable() != null,
                    e -> new Diagnosis(Cause.MetricsUnavailable, "metrics were unavailable: " + e.metricsUnavailable(),
                            List.of(e.metricsUnavailable()), List.of())),
            new Rule(Cause.TargetUnreachable, DiagnosisRules::unreachable, DiagnosisRules::explainUnreachable),
            new Rule(Cause.RateLimited, e -> e.share("rate_limited") >= RATE_LIMITED_SHARE,
                    e -> explainShare(e, Cause.RateLimited, "rate_limited", "the target rate-limited the load")),
            new Rule(Cause.ClientErrors, e -> e.share("client_error") >= ERROR_SHARE,
                    e -> explainShare(e, Cause.ClientErrors, "client_error", "client errors: the scenario and the API disagree")),
            new Rule(Cause.PoolSaturation, e -> pool(e).isPresent(), DiagnosisRules::explainPool),
            new Rule(Cause.ServerErrors, e -> e.share("server_error") >= ERROR_SHARE,
                    e -> explainShare(e, Cause.ServerErrors, "server_error", "the target failed requests with 5xx")),
            new Rule(Cause.LatencyDegradation, DiagnosisRules::slow, DiagnosisRules::explainLatency));

    private DiagnosisRules() {}

    /** The cause of a stage that did not pass; empty when it passed or nothing in the table applies. */
    public static Optional<Diagnosis> diagnose(StageEvidence e, boolean passed) {
        if (passed) {
            return Optional.empty();
        }
        return TABLE.stream().filter(r -> r.applies().test(e)).findFirst().map(r -> r.explain().apply(e));
    }

    private static boolean unreachable(StageEvidence e) {
        long failedToConnect = e.count("connect_refused") + e.count("connect_error");
        return e.count("ok") == 0 && failedToConnect > 0 && failedToConnect * 2 >= e.requests();
    }

    private static Diagnosis explainUnreachable(StageEvidence e) {
        long refused = e.count("connect_refused");
        long errors = e.count("connect_error");
        String message = String.format(Locale.ROOT, "no request reached the target: %d of %d could not connect "
                + "(%d connect_refused, %d connect_error) and none succeeded; is it running and listening at the base URL?",
                refused + errors, e.requests(), refused, errors);
        return new Diagnosis(Cause.TargetUnreachable, message, List.of(outcomeLine(e)),
                samples(e, s -> s.outcome().startsWith("connect_")));
    }

    private static Diagnosis explainShare(StageEvidence e, Cause cause, String outcome, String headline) {
        List<Sample> samples = samples(e, s -> s.outcome().equals(outcome));
        StringBuilder message = new StringBuilder(String.format(Locale.ROOT, "%s: %.1f%% of requests (%d of %d) were %s",
                headline, 100 * e.share(outcome), e.count(outcome), e.requests(), outcome));
        if (!samples.isEmpty()) {
            Sample top = samples.get(0);
            message.append(String.format(Locale.ROOT, "; most common (%d× %s): %s%s", top.count(), top.operation(),
                    top.status() > 0 ? top.status() + " " : "", top.body()));
        }
        return new Diagnosis(cause, message.toString(), List.of(outcomeLine(e)), samples);
    }

    private static Optional<ThresholdReading> pool(StageEvidence e) {
        return e.thresholds() == null ? Optional.empty()
                : e.thresholds().stream().filter(t -> t.breached() && t.isPool()).findFirst();
    }

    private static Diagnosis explainPool(StageEvidence e) {
        ThresholdReading t = pool(e).orElseThrow();
        List<String> evidence = new ArrayList<>();
        evidence.add("threshold " + t.name() + " (" + t.subject() + "): " + t.observed() + ", limit " + t.limit());
        if (e.p95GrowthFactor() != null && e.p95GrowthFactor() >= 1.5) {
            evidence.add(String.format(Locale.ROOT, "p95 latency %.1f× the previous stage's", e.p95GrowthFactor()));
        }
        if (e.count("timeout") > 0) {
            evidence.add(e.count("timeout") + " requests timed out");
        }
        evidence.add(outcomeLine(e));
        return new Diagnosis(Cause.PoolSaturation, "the target's connection pool saturated: " + t.name() + " reached "
                + t.observed() + " (limit " + t.limit() + "); requests queue for a connection, so latency grows and "
                + "requests time out", evidence, samples(e, s -> true));
    }

    private static boolean slow(StageEvidence e) {
        boolean latencyBreach = e.thresholds() != null && e.thresholds().stream().anyMatch(t -> t.breached() && t.latency());
        return latencyBreach || (e.p95GrowthFactor() != null && e.p95GrowthFactor() >= LATENCY_GROWTH)
                || e.share("timeout") >= ERROR_SHARE;
    }

    private static Diagnosis explainLatency(StageEvidence e) {
        List<String> evidence = new ArrayList<>();
        if (e.thresholds() != null) {
            e.thresholds().stream().filter(t -> t.breached() && t.latency())
                    .forEach(t -> evidence.add("threshold " + t.name() + ": " + t.observed() + ", limit " + t.limit()));
        }
        if (e.p95GrowthFactor() != null) {
            evidence.add(String.format(Locale.ROOT, "p95 latency %.1f× the previous stage's", e.p95GrowthFactor()));
        }
        if (e.count("timeout") > 0) {
            evidence.add(e.count("timeout") + " requests timed out");
        }
        return new Diagnosis(Cause.LatencyDegradation, "latency degraded under this load: " + String.join("; ", evidence),
                evidence, samples(e, s -> s.outcome().equals("timeout")));
    }

    private static String outcomeLine(StageEvidence e) {
        StringBuilder out = new StringBuilder("outcomes of " + e.requests() + " requests:");
        if (e.outcomes() != null) {
            e.outcomes().forEach((k, v) -> {
                if (v > 0) {
                    out.append(' ').append(k).append('=').append(v);
                }
            });
        }
        return out.toString();
    }

    private static List<Sample> samples(StageEvidence e, Predicate<Sample> which) {
        return e.errorSamples() == null ? List.of() : e.errorSamples().stream().filter(which)
                .sorted(Comparator.comparingLong(Sample::count).reversed()).limit(3).toList();
    }
}
