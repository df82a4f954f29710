package dev.crescendo.report;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.api.LoadCampaignStatus.ThresholdResult;
import dev.crescendo.api.ThresholdSpec;
import java.util.List;

/** "Thresholds": each stage's judgement of each threshold, then what the spec declared them to measure. */
final class ThresholdSection {
    private ThresholdSection() {}

    static String render(LoadCampaign c) {
        MarkdownTable results = new MarkdownTable().text("Stage").text("Threshold").number("Observed").text("Limit")
                .text("Verdict");
        for (StageStatus st : CampaignParts.stages(c)) {
            if (st.thresholds() == null) {
                continue;
            }
            for (ThresholdResult r : st.thresholds()) {
                if (r != null) {
                    results.row(Markdown.text(st.name()), Markdown.text(r.name()), Markdown.text(r.observed()),
                            Markdown.text(r.limit()), r.verdict() == null ? null : r.verdict().name());
                }
            }
        }
        List<ThresholdSpec> specs = CampaignParts.thresholds(c);
        MarkdownTable declared = new MarkdownTable().text("Threshold").text("Measures").text("Warn").text("Fail")
                .text("For");
        for (ThresholdSpec t : specs) {
            declared.row(Markdown.text(t.name()), ThresholdMeasure.describe(t), Markdown.text(t.warn()),
                    Markdown.text(t.fail()), Markdown.text(t.sustain()));
        }
        if (results.isEmpty() && declared.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Markdown.heading(2, "Thresholds"));
        if (!results.isEmpty()) {
            out.append('\n').append(Markdown.heading(3, "Results")).append('\n').append(results.render());
        }
        if (!declared.isEmpty()) {
            out.append('\n').append(Markdown.heading(3, "Declared")).append('\n').append(declared.render());
        }
        return out.toString();
    }
}
