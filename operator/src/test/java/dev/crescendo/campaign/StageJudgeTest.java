package dev.crescendo.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.loadgen.report.Summary;
import dev.crescendo.loadgen.threshold.ThresholdResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageJudgeTest {

    private static Summary summary(long ok, long refused, String abort, ThresholdResult... thresholds) {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomes.put("ok", ok);
        outcomes.put("connect_refused", refused);
        return new Summary("s", ok + refused, 30, (ok + refused) / 30.0, 0, 0, 0, outcomes, Map.of(),
                thresholds.length == 0 ? null : List.of(thresholds), null, abort, null);
    }

    private static ThresholdResult t(String name, dev.crescendo.loadgen.threshold.Verdict v) {
        return new ThresholdResult(name, "1.0ms", "250ms", v);
    }

    @Test
    void report002AllRefusedWithSubMillisecondLatenciesIsInconclusiveNeverPassed() {
        var j = StageJudge.judge(summary(0, 56_250, null, t("p95", dev.crescendo.loadgen.threshold.Verdict.PASSED)));
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.reason()).contains("no successful request out of 56250");
    }

    @Test
    void fastFailKeepsItsReason() {
        var j = StageJudge.judge(summary(0, 500, "target unreachable: 500 of 500 requests could not connect"));
        assertThat(j.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(j.reason()).startsWith("target unreachable");
    }

    @Test
    void aThresholdAbortFails() {
        assertThat(StageJudge.judge(summary(100, 0, "threshold errors breached: error rate 12%")).verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void theWorstThresholdDecides() {
        var passed = dev.crescendo.loadgen.threshold.Verdict.PASSED;
        var marginal = dev.crescendo.loadgen.threshold.Verdict.MARGINAL;
        var failed = dev.crescendo.loadgen.threshold.Verdict.FAILED;
        assertThat(StageJudge.judge(summary(100, 0, null, t("a", passed))).verdict()).isEqualTo(Verdict.PASSED);
        assertThat(StageJudge.judge(summary(100, 0, null, t("a", passed), t("b", marginal))).verdict()).isEqualTo(Verdict.MARGINAL);
        var j = StageJudge.judge(summary(100, 0, null, t("a", marginal), t("b", failed)));
        assertThat(j.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(j.reason()).startsWith("threshold b FAILED");
        assertThat(StageJudge.judge(summary(100, 0, null)).verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void terminationBySigtermWithSuccessesIsAFailedStage() {
        assertThat(StageJudge.judge(summary(100, 0, "terminated (SIGTERM)")).verdict()).isEqualTo(Verdict.FAILED);
    }
}
