package dev.crescendo.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.StagePhase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.ThresholdResult;
import dev.crescendo.api.LoadCampaignStatus.Verdict;
import dev.crescendo.campaign.ManifestReader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names and labels the Grafana dashboard queries, from status transitions. */
class CampaignMetricsTest {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final CampaignMetrics metrics = new CampaignMetrics(registry);

    private static LoadCampaign campaign() throws Exception {
        LoadCampaign c = ManifestReader.read(Path.of("src/test/resources/manifests/valid.yaml")).get(0).campaign();
        c.getMetadata().setUid("u1");
        return c;
    }

    private static LoadCampaignStatus status(Phase phase, String current, List<StageStatus> stages, LoadCampaignStatus.Breach breach,
                                             LoadCampaignStatus.PreflightStatus preflight, LoadCampaignStatus.Diagnosis diagnosis) {
        return new LoadCampaignStatus(1L, 1, "h", phase, null, current, null, null, preflight, stages, breach, diagnosis, null, null);
    }

    private static StageStatus stage(String name, Verdict verdict, String finishedAt, List<ThresholdResult> thresholds) {
        return new StageStatus(name, verdict == null ? StagePhase.Running : StagePhase.Completed, verdict, "j", "2026-11-22T08:00:00Z",
                finishedAt, 10L, 1.0, 0L, null, null, thresholds, null, null, null);
    }

    @Test
    void progressVerdictsThresholdsBreachesAndHaltTime() throws Exception {
        LoadCampaign c = campaign();
        var running = status(Phase.Running, "light", List.of(stage("smoke", Verdict.PASSED, "2026-11-22T08:00:30Z", null),
                stage("light", null, null, List.of(new ThresholdResult("send-p95", "312.5ms", "above 500ms", Verdict.PASSED),
                        new ThresholdResult("pool", "0.93", "above 0.9", Verdict.FAILED)))), null, null, null);
        metrics.observe(c, status(Phase.Running, "smoke", List.of(stage("smoke", null, null, null)), null, null, null), running, List.of(c));
        String text = registry.scrape();
        assertThat(text).contains("crescendo_campaign_stage{campaign=\"chat-progressive\",namespace=\"perf\"} 2.0")
                .contains("crescendo_campaign_stages{campaign=\"chat-progressive\",namespace=\"perf\"} 4.0")
                .contains("crescendo_campaigns{phase=\"Running\"} 1.0")
                .contains("crescendo_campaigns{phase=\"Halted\"} 0.0")
                .contains("crescendo_stage_verdicts_total{campaign=\"chat-progressive\",namespace=\"perf\",stage=\"smoke\",verdict=\"PASSED\"} 1.0")
                .contains("crescendo_threshold_observed{campaign=\"chat-progressive\",namespace=\"perf\",stage=\"light\",threshold=\"send-p95\"} 312.5")
                .contains("crescendo_threshold_observed{campaign=\"chat-progressive\",namespace=\"perf\",stage=\"light\",threshold=\"pool\"} 0.93")
                .contains("crescendo_threshold_limit{campaign=\"chat-progressive\",level=\"fail\",namespace=\"perf\",threshold=\"pool\"} 0.9")
                .contains("crescendo_threshold_limit{campaign=\"chat-progressive\",level=\"warn\",namespace=\"perf\",threshold=\"pool\"} 0.7");

        var halting = status(Phase.Running, "light", running.stages(), new LoadCampaignStatus.Breach("light", "pool", "0.93",
                "above 0.9", "2026-11-22T08:01:00Z", null), null, null);
        metrics.observe(c, running, halting, List.of(c));
        var halted = status(Phase.Halted, null, running.stages(), new LoadCampaignStatus.Breach("light", "pool", "0.93",
                "above 0.9", "2026-11-22T08:01:00Z", "2026-11-22T08:01:00.250Z"), null, null);
        metrics.observe(c, halting, halted, List.of(c));
        metrics.observe(c, halted, halted, List.of(c)); // an unchanged status counts nothing twice
        text = registry.scrape();
        assertThat(text).contains("crescendo_breaches_total{campaign=\"chat-progressive\",namespace=\"perf\",threshold=\"pool\"} 1.0")
                .contains("crescendo_halt_duration_seconds_count{campaign=\"chat-progressive\",namespace=\"perf\"} 1")
                .contains("crescendo_halt_duration_seconds_sum{campaign=\"chat-progressive\",namespace=\"perf\"} 0.25")
                .contains("crescendo_halt_duration_seconds_bucket{")
                .contains("crescendo_campaign_stage{campaign=\"chat-progressive\",namespace=\"perf\"} 0.0")
                .contains("crescendo_campaigns{phase=\"Halted\"} 1.0")
                .contains("crescendo_stage_verdicts_total{campaign=\"chat-progressive\",namespace=\"perf\",stage=\"smoke\",verdict=\"PASSED\"} 1.0");
    }

    @Test
    void aFailedPreflightIsCountedByCauseAndADeletedCampaignLeavesTheGauges() throws Exception {
        LoadCampaign c = campaign();
        var failed = status(Phase.Failed, null, null, null, new LoadCampaignStatus.PreflightStatus(false, "t", "refused"),
                new LoadCampaignStatus.Diagnosis("TargetUnreachable", "refused", List.of(), null));
        metrics.observe(c, null, failed, List.of(c));
        assertThat(registry.scrape()).contains(
                "crescendo_preflight_failures_total{campaign=\"chat-progressive\",cause=\"TargetUnreachable\",namespace=\"perf\"} 1.0");

        LoadCampaign other = campaign();
        other.getMetadata().setUid("u2");
        other.getMetadata().setName("other");
        metrics.observe(other, null, status(Phase.Preflight, null, null, null, null, null), List.of(other)); // c is gone
        assertThat(registry.scrape()).doesNotContain("crescendo_campaign_stages{campaign=\"chat-progressive\"")
                .contains("crescendo_campaign_stages{campaign=\"other\",namespace=\"perf\"} 4.0");
    }

    @Test
    void observedValuesAreReadAsNumbers() {
        assertThat(CampaignMetrics.number("312.5ms")).isEqualTo(312.5);
        assertThat(CampaignMetrics.number("0.52%")).isEqualTo(0.0052);
        assertThat(CampaignMetrics.number("unavailable: no series")).isNull();
    }
}
