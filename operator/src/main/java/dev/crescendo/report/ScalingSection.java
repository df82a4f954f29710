package dev.crescendo.report;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.Capacity;
import dev.crescendo.api.LoadCampaignStatus.StageScaling;
import java.util.List;
import java.util.Objects;

/**
 * "Scaling": throughput against load per measured stage, then stage to stage how much the load,
 * the throughput and the p95 grew — the table report 001 worked out by hand ("5 → 20 VUs: load ×4,
 * throughput ×3.99, p95 ×1.18"). Linear scaling shows as throughput growth equal to load growth.
 */
final class ScalingSection {
    private ScalingSection() {}

    static String render(LoadCampaign c) {
        List<StageScaling> rows = rows(c);
        if (rows.isEmpty()) {
            return "";
        }
        MarkdownTable t = new MarkdownTable().text("Stage").number("Load").number("Throughput (req/s)")
                .number("Efficiency").number("P95").number("Pool utilisation");
        for (StageScaling s : rows) {
            t.row(Markdown.text(s.stage()), ReportFormat.load(s.load(), s.loadUnit()),
                    ReportFormat.rate(s.throughputPerSecond()), ReportFormat.percent(s.efficiency()), s.p95(),
                    ReportFormat.percent(s.poolUtilisation()));
        }
        StringBuilder out = new StringBuilder(Markdown.heading(2, "Scaling")).append('\n').append(t.render())
                .append("\nEfficiency: throughput per unit of load against the first stage's (100% = linear).\n");
        if (rows.size() > 1) {
            out.append('\n').append(Markdown.heading(3, "Stage to stage")).append('\n').append(growth(rows).render())
                    .append("\nLinearity: throughput growth over load growth (100% = the throughput grew with the load).\n");
        }
        return out.toString();
    }

    private static List<StageScaling> rows(LoadCampaign c) {
        Capacity capacity = c.getStatus() == null ? null : c.getStatus().capacity();
        return capacity == null || capacity.scaling() == null ? List.of()
                : capacity.scaling().stream().filter(Objects::nonNull).toList();
    }

    private static MarkdownTable growth(List<StageScaling> rows) {
        MarkdownTable t = new MarkdownTable().text("Step").number("Load").number("Load growth")
                .number("Throughput growth").number("P95 growth").number("Linearity");
        for (int i = 1; i < rows.size(); i++) {
            StageScaling from = rows.get(i - 1);
            StageScaling to = rows.get(i);
            // A change of model (VUs to req/s) has no meaningful load ratio.
            boolean sameUnit = Objects.equals(from.loadUnit(), to.loadUnit());
            Double load = sameUnit ? ratio(to.load(), from.load()) : null;
            Double throughput = ratio(to.throughputPerSecond(), from.throughputPerSecond());
            t.row(Markdown.text(from.stage()) + " → " + Markdown.text(to.stage()), loads(from, to, sameUnit),
                    ReportFormat.factor(load), ReportFormat.factor(throughput),
                    ReportFormat.factor(ratio(ReportFormat.millis(to.p95()).orElse(null),
                            ReportFormat.millis(from.p95()).orElse(null))),
                    ReportFormat.percent(ratio(throughput, load)));
        }
        return t;
    }

    /** "5 → 20 VUs", or both loads with their units when the model changed. */
    private static String loads(StageScaling from, StageScaling to, boolean sameUnit) {
        if (from.load() == null || to.load() == null) {
            return null;
        }
        String first = sameUnit ? ReportFormat.load(from.load(), null) : ReportFormat.load(from.load(), from.loadUnit());
        return first + " → " + ReportFormat.load(to.load(), to.loadUnit());
    }

    /** {@code to / from}, or null when either is missing or {@code from} is zero. */
    static Double ratio(Double to, Double from) {
        return to == null || from == null || from == 0 ? null : to / from;
    }
}
