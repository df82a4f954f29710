package dev.crescendo.reconciler;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Phase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.ThresholdSpec;
import dev.crescendo.campaign.Level;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Crescendo's own metrics for Grafana (DESIGN §8), next to JOSDK's reconcile metrics:
 * {@code crescendo_campaigns{phase}}, {@code crescendo_campaign_stage} and {@code _stages}
 * (progress), {@code crescendo_threshold_observed} and {@code _limit},
 * {@code crescendo_stage_verdicts_total}, {@code crescendo_breaches_total},
 * {@code crescendo_halt_duration_seconds} (breach detected to load stopped) and
 * {@code crescendo_preflight_failures_total}. Gauges are rebuilt from all campaigns at each
 * reconcile (so deleted ones disappear); counters count status transitions.
 */
final class CampaignMetrics {
    private final MeterRegistry registry;
    private final MultiGauge campaigns;
    private final MultiGauge stage;
    private final MultiGauge stages;
    private final MultiGauge observed;
    private final MultiGauge limits;
    private final Timer.Builder halt = Timer.builder("crescendo.halt.duration")
            .description("From a breach detected to the load generator stopped").publishPercentileHistogram();

    CampaignMetrics(MeterRegistry registry) {
        this.registry = registry;
        campaigns = MultiGauge.builder("crescendo.campaigns").description("Campaigns by phase").register(registry);
        stage = MultiGauge.builder("crescendo.campaign.stage").description("1-based index of the running stage, 0 when none")
                .register(registry);
        stages = MultiGauge.builder("crescendo.campaign.stages").description("Stages in the campaign").register(registry);
        observed = MultiGauge.builder("crescendo.threshold.observed")
                .description("Last value of each threshold (latency in ms, rates as fractions)").register(registry);
        limits = MultiGauge.builder("crescendo.threshold.limit").description("Threshold levels (latency in ms, rates as fractions)")
                .register(registry);
    }

    /** After a reconcile of {@code campaign} from {@code before} to {@code after}; {@code all}: every campaign known. */
    synchronized void observe(LoadCampaign campaign, LoadCampaignStatus before, LoadCampaignStatus after,
                              Collection<LoadCampaign> all) {
        counters(campaign, before, after);
        List<LoadCampaign> current = new ArrayList<>();
        for (LoadCampaign c : all) {
            boolean same = Objects.equals(c.getMetadata().getUid(), campaign.getMetadata().getUid());
            current.add(same ? withStatus(campaign, after) : c);
        }
        if (all.stream().noneMatch(c -> Objects.equals(c.getMetadata().getUid(), campaign.getMetadata().getUid()))) {
            current.add(withStatus(campaign, after));
        }
        gauges(current);
    }

    private void counters(LoadCampaign c, LoadCampaignStatus before, LoadCampaignStatus after) {
        Tags campaign = Tags.of("namespace", c.getMetadata().getNamespace(), "campaign", c.getMetadata().getName());
        boolean sameRun = before != null && Objects.equals(before.run(), after.run());
        for (StageStatus st : after.stages() == null ? List.<StageStatus>of() : after.stages()) {
            StageStatus was = sameRun && before.stages() != null
                    ? before.stages().stream().filter(b -> b.name().equals(st.name())).findFirst().orElse(null) : null;
            if (st.verdict() != null && (was == null || was.verdict() == null) && st.finishedAt() != null) {
                Counter.builder("crescendo.stage.verdicts").description("Stage verdicts")
                        .tags(campaign.and("stage", st.name(), "verdict", st.verdict().name())).register(registry).increment();
            }
        }
        LoadCampaignStatus.Breach b = after.breach();
        LoadCampaignStatus.Breach wasBreach = sameRun ? before.breach() : null;
        if (b != null && wasBreach == null) {
            Counter.builder("crescendo.breaches").description("Stages halted on a breach")
                    .tags(campaign.and("threshold", b.threshold())).register(registry).increment();
        }
        if (b != null && b.loadStoppedAt() != null && (wasBreach == null || wasBreach.loadStoppedAt() == null)) {
            halt.tags(campaign).register(registry).record(Duration.between(Instant.parse(b.detectedAt()),
                    Instant.parse(b.loadStoppedAt())));
        }
        boolean failed = after.preflight() != null && Boolean.FALSE.equals(after.preflight().passed());
        boolean wasFailed = sameRun && before.preflight() != null && Boolean.FALSE.equals(before.preflight().passed());
        if (failed && !wasFailed) {
            Counter.builder("crescendo.preflight.failures").description("Campaigns stopped by their preflight check")
                    .tags(campaign.and("cause", after.diagnosis() == null ? "unknown" : after.diagnosis().cause()))
                    .register(registry).increment();
        }
    }

    private void gauges(List<LoadCampaign> all) {
        Map<Phase, Integer> byPhase = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            byPhase.put(p, 0);
        }
        List<MultiGauge.Row<?>> stageRows = new ArrayList<>();
        List<MultiGauge.Row<?>> stagesRows = new ArrayList<>();
        List<MultiGauge.Row<?>> observedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> limitRows = new ArrayList<>();
        for (LoadCampaign c : all) {
            LoadCampaignStatus s = c.getStatus();
            Tags tags = Tags.of("namespace", c.getMetadata().getNamespace(), "campaign", c.getMetadata().getName());
            if (s != null && s.phase() != null) {
                byPhase.merge(s.phase(), 1, Integer::sum);
            }
            int count = c.getSpec() == null || c.getSpec().stages() == null ? 0 : c.getSpec().stages().size();
            stagesRows.add(MultiGauge.Row.of(tags, count));
            stageRows.add(MultiGauge.Row.of(tags, runningStage(c)));
            StageStatus latest = s == null || s.stages() == null || s.stages().isEmpty() ? null : s.stages().get(s.stages().size() - 1);
            if (latest != null && latest.thresholds() != null) {
                for (LoadCampaignStatus.ThresholdResult t : latest.thresholds()) {
                    Double v = number(t.observed());
                    if (v != null) {
                        observedRows.add(MultiGauge.Row.of(tags.and("stage", latest.name(), "threshold", t.name()), v));
                    }
                }
            }
            for (ThresholdSpec t : c.getSpec() == null || c.getSpec().thresholds() == null ? List.<ThresholdSpec>of()
                    : c.getSpec().thresholds()) {
                Level.Unit unit = t.latency() != null ? Level.Unit.MILLISECONDS : Level.Unit.NUMBER;
                level(t.fail(), unit).ifPresent(v -> limitRows.add(MultiGauge.Row.of(tags.and("threshold", t.name(), "level", "fail"), v)));
                level(t.warn(), unit).ifPresent(v -> limitRows.add(MultiGauge.Row.of(tags.and("threshold", t.name(), "level", "warn"), v)));
            }
        }
        List<MultiGauge.Row<?>> phaseRows = new ArrayList<>();
        byPhase.forEach((p, n) -> phaseRows.add(MultiGauge.Row.of(Tags.of("phase", p.name()), n)));
        campaigns.register(phaseRows, true);
        stage.register(stageRows, true);
        stages.register(stagesRows, true);
        observed.register(observedRows, true);
        limits.register(limitRows, true);
    }

    private static int runningStage(LoadCampaign c) {
        LoadCampaignStatus s = c.getStatus();
        if (s == null || s.phase() != Phase.Running || s.currentStage() == null || c.getSpec() == null) {
            return 0;
        }
        return Approval.indexOf(c.getSpec(), s.currentStage()) + 1;
    }

    /** "312.4ms" → 312.4, "0.52%" → 0.0052, "0.93" → 0.93; anything else (e.g. "unavailable: …") → null. */
    static Double number(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        try {
            if (t.endsWith("ms")) {
                return Double.parseDouble(t.substring(0, t.length() - 2));
            }
            if (t.endsWith("%")) {
                return Double.parseDouble(t.substring(0, t.length() - 1)) / 100;
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static java.util.Optional<Double> level(String text, Level.Unit unit) {
        try {
            return text == null ? java.util.Optional.empty() : java.util.Optional.of(Level.parse(text, unit).value());
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static LoadCampaign withStatus(LoadCampaign c, LoadCampaignStatus status) {
        LoadCampaign copy = new LoadCampaign();
        copy.setMetadata(c.getMetadata());
        copy.setSpec(c.getSpec());
        copy.setStatus(status);
        return copy;
    }
}
