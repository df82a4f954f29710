package dev.crescendo.loadgen.threshold;

/** A threshold's (or stage's) verdict, as in DESIGN §5. */
public enum Verdict {
    PASSED,
    /** A warn level was crossed, no fail level. */
    MARGINAL,
    FAILED,
    /** Not enough data to judge: never a silent pass. */
    INCONCLUSIVE
}
