package dev.crescendo.campaign;

import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.threshold.ThresholdResult;

/**
 * A stage's verdict from the load generator's summary (DESIGN §5). No successful request is never
 * a pass: report 002's 56,250 "0 ms" connection-refused requests would be INCONCLUSIVE here.
 */
public final class StageJudge {
    private StageJudge() {}

    public record Judgement(Verdict verdict, String reason) {}

    public static Judgement judge(Summary s) {
        long ok = s.outcomes() == null ? 0 : s.outcomes().getOrDefault("ok", 0L);
        if (s.abortReason() != null && s.abortReason().startsWith("threshold")) {
            return new Judgement(Verdict.FAILED, s.abortReason());
        }
        if (s.requests() == 0 || ok == 0) {
            return new Judgement(Verdict.INCONCLUSIVE, s.abortReason() != null ? s.abortReason()
                    : "no successful request out of " + s.requests() + "; latencies without a success say nothing");
        }
        if (s.abortReason() != null) {
            return new Judgement(Verdict.FAILED, s.abortReason());
        }
        Verdict worst = Verdict.PASSED;
        String reason = "all thresholds passed";
        if (s.thresholds() != null) {
            for (ThresholdResult t : s.thresholds()) {
                Verdict v = switch (t.verdict()) {
                    case FAILED -> Verdict.FAILED;
                    case MARGINAL -> Verdict.MARGINAL;
                    case INCONCLUSIVE -> Verdict.INCONCLUSIVE;
                    case PASSED -> Verdict.PASSED;
                };
                if (rank(v) > rank(worst)) {
                    worst = v;
                    reason = "threshold " + t.name() + " " + t.verdict() + ": observed " + t.observed() + ", fail above " + t.fail();
                }
            }
        }
        return new Judgement(worst, reason);
    }

    /** Worse verdicts rank higher: a campaign is as good as its worst stage. */
    public static int rank(Verdict v) {
        return switch (v) {
            case PASSED -> 0;
            case MARGINAL -> 1;
            case INCONCLUSIVE -> 2;
            case FAILED -> 3;
        };
    }
}
