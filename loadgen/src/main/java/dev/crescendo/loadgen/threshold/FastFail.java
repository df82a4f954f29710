package dev.crescendo.loadgen.threshold;

import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.config.StageConfig.FastFailSpec;
import dev.crescendo.loadgen.engine.Outcome;
import dev.crescendo.loadgen.stats.Interval;
import java.time.Duration;

/**
 * Stops a stage whose target cannot be reached: after {@code after}, at least {@code minRequests}
 * attempts, not one ok, and nearly all failing to connect. Report 002 sent 56,250 requests into a
 * closed port for 14.5 minutes; this ends that within seconds.
 */
public record FastFail(boolean enabled, long afterNanos, int minRequests, double failureShare) {
    public static final Duration DEFAULT_AFTER = Duration.ofSeconds(3);

    public static FastFail of(FastFailSpec spec) {
        FastFailSpec s = spec != null ? spec : new FastFailSpec(null, null, null, null);
        return new FastFail(s.enabled() == null || s.enabled(),
                Durations.parseOr(s.after(), DEFAULT_AFTER).toNanos(),
                s.minRequests() != null ? s.minRequests() : 10,
                s.failureShare() != null ? s.failureShare() : 0.95);
    }

    /** @return the abort reason, or null */
    public String check(Interval total, long elapsedNanos) {
        if (!enabled || elapsedNanos < afterNanos) {
            return null;
        }
        long requests = total.requests(-1);
        if (requests < minRequests || total.count(-1, Outcome.OK) > 0) {
            return null;
        }
        long refused = total.count(-1, Outcome.CONNECT_REFUSED);
        long errors = total.count(-1, Outcome.CONNECT_ERROR);
        if (refused + errors < failureShare * requests) {
            return null;
        }
        return "target unreachable: " + (refused + errors) + " of " + requests + " requests could not connect ("
                + refused + " connect_refused, " + errors + " connect_error) and none succeeded in the first "
                + Math.round(elapsedNanos / 1e9) + "s";
    }
}
