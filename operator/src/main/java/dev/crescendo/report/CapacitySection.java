package dev.crescendo.report;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.Capacity;
import dev.crescendo.api.LoadCampaignStatus.StageScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** "Capacity": how far the target went, and where its connection pool would run out. */
final class CapacitySection {
    private CapacitySection() {}

    static String render(LoadCampaign c) {
        Capacity cap = c.getStatus() == null ? null : c.getStatus().capacity();
        if (cap == null) {
            return "";
        }
        List<String> facts = new ArrayList<>();
        Markdown.fact(facts, "Last passed stage", Markdown.text(cap.lastPassedStage()));
        Markdown.fact(facts, "First failed stage", Markdown.text(cap.firstFailedStage()));
        Markdown.fact(facts, "Linear through", Markdown.text(cap.linearThrough()));
        Markdown.fact(facts, "Latency growth", cap.latencyGrowthFactor() == null ? null
                : ReportFormat.factor(cap.latencyGrowthFactor()) + " (p95, last measured stage over the first)");
        Markdown.fact(facts, "Pool full at", cap.poolFullAt() == null ? null
                : "about " + ReportFormat.load(cap.poolFullAt(), loadUnit(c, cap)));
        if (facts.isEmpty() && cap.summary() == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Markdown.heading(2, "Capacity")).append('\n');
        facts.forEach(f -> out.append(f).append('\n'));
        if (cap.summary() != null) {
            out.append(facts.isEmpty() ? "" : "\n").append(Markdown.text(cap.summary().strip())).append('\n');
        }
        return out.toString();
    }

    /** The unit the scaling rows measured load in, else the spec's first stage's. */
    private static String loadUnit(LoadCampaign c, Capacity cap) {
        if (cap.scaling() != null) {
            String unit = cap.scaling().stream().filter(Objects::nonNull).map(StageScaling::loadUnit)
                    .filter(Objects::nonNull).findFirst().orElse(null);
            if (unit != null) {
                return unit;
            }
        }
        return CampaignParts.specStages(c).stream().map(ReportFormat::unit).filter(Objects::nonNull).findFirst()
                .orElse(null);
    }
}
