package dev.crescendo.campaign;

/** Why a stage did not pass (DESIGN §6). A passing stage has no cause. */
public enum Cause {
    /** Nothing could connect: the target is down or not listening (report 002). */
    TargetUnreachable,
    /** A real share of requests got 429. */
    RateLimited,
    /** 4xx other than 429: the scenario and the API disagree (report 000). */
    ClientErrors,
    /** A connection-pool threshold reached its limit, usually with latency growth or timeouts. */
    PoolSaturation,
    /** 5xx from the target. */
    ServerErrors,
    /** Latency over its threshold, or growing sharply from the previous stage, or timeouts. */
    LatencyDegradation,
    /** The stage's Job could not run or died without a summary. */
    LoadGeneratorFailure,
    /** A threshold's metrics could not be read for longer than the policy allows. */
    MetricsUnavailable
}
