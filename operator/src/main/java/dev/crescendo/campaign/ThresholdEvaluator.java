package dev.crescendo.campaign;

import java.time.Duration;
import java.time.Instant;

/**
 * One threshold judged over time by the operator (DESIGN §5): each evaluation brings the value over
 * the recent window, or none when the metric could not be read. A {@code fail} crossing must last
 * {@code sustain} before it halts; a recovery resets that clock. Missing data is never a pass: it is
 * UNAVAILABLE, and halts once it has lasted longer than {@code unavailableGrace} when the policy
 * says so.
 */
public final class ThresholdEvaluator {
    public enum State { OK, WARN, FAIL, UNAVAILABLE }

    /** One evaluation: the state, whether to halt now, and why. */
    public record Reading(State state, Double observed, boolean halt, String reason) {}

    private final String name;
    private final Level warn;
    private final Level fail;
    private final Duration sustain;
    private final Duration unavailableGrace;
    private final boolean haltWhenUnavailable;
    private Instant failingSince;
    private Instant unavailableSince;

    public ThresholdEvaluator(String name, Level warn, Level fail, Duration sustain, Duration unavailableGrace,
                              boolean haltWhenUnavailable) {
        this.name = name;
        this.warn = warn;
        this.fail = fail;
        this.sustain = sustain == null ? Duration.ZERO : sustain;
        this.unavailableGrace = unavailableGrace;
        this.haltWhenUnavailable = haltWhenUnavailable;
    }

    public Reading observe(Double observed, Instant now) {
        if (observed == null || observed.isNaN() || observed.isInfinite()) {
            failingSince = null;
            if (unavailableSince == null) {
                unavailableSince = now;
            }
            boolean halt = haltWhenUnavailable && !now.isBefore(unavailableSince.plus(unavailableGrace));
            return new Reading(State.UNAVAILABLE, null, halt, halt ? "threshold " + name + ": no data for "
                    + Duration.between(unavailableSince, now).toSeconds() + "s (onMetricsUnavailable: Halt)" : null);
        }
        unavailableSince = null;
        if (fail.crossed(observed)) {
            if (failingSince == null) {
                failingSince = now;
            }
            boolean halt = !now.isBefore(failingSince.plus(sustain));
            return new Reading(State.FAIL, observed, halt, halt ? "threshold " + name + " breached: " + observed
                    + ", fail " + fail + (sustain.isZero() ? "" : " for " + sustain.toSeconds() + "s") : null);
        }
        failingSince = null;
        return new Reading(warn != null && warn.crossed(observed) ? State.WARN : State.OK, observed, false, null);
    }
}
