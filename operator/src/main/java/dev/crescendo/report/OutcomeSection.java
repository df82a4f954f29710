package dev.crescendo.report;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * "Outcomes": how each stage's responses were classified. Only classes that occurred get a column,
 * so a clean run is one column of {@code ok} and a broken one shows at a glance what went wrong.
 */
final class OutcomeSection {
    /** The load generator's classes, in the order DESIGN §4 lists them. */
    static final List<String> CLASSES = List.of("ok", "client_error", "rate_limited", "server_error", "timeout",
            "connect_refused", "connect_error", "check_failed");

    private OutcomeSection() {}

    static String render(LoadCampaign c) {
        List<StageStatus> stages = CampaignParts.stages(c).stream().filter(st -> st.outcomes() != null).toList();
        List<String> columns = occurring(stages);
        if (columns.isEmpty()) {
            return "";
        }
        MarkdownTable t = new MarkdownTable().text("Stage");
        columns.forEach(t::number);
        for (StageStatus st : stages) {
            long total = st.outcomes().values().stream().mapToLong(OutcomeSection::n).sum();
            List<String> cells = new ArrayList<>();
            cells.add(Markdown.text(st.name()));
            for (String outcome : columns) {
                long n = n(st.outcomes().get(outcome));
                cells.add(n == 0 ? "0" : ReportFormat.count(n) + " (" + ReportFormat.percent((double) n / total) + ")");
            }
            t.row(cells.toArray(String[]::new));
        }
        StringBuilder out = new StringBuilder(Markdown.heading(2, "Outcomes")).append('\n').append(t.render());
        if (!diagnosisQuotesSamples(c)) {
            String samples = ErrorSamples.ofStages(stages);
            if (!samples.isEmpty()) {
                out.append('\n').append(Markdown.heading(3, "Error samples")).append('\n').append(samples);
            }
        }
        return out.toString();
    }

    /** The known classes first, in their order, then any the report does not know yet; only non-zero ones. */
    private static List<String> occurring(List<StageStatus> stages) {
        Set<String> all = new LinkedHashSet<>(CLASSES);
        stages.forEach(st -> all.addAll(st.outcomes().keySet()));
        List<String> out = new ArrayList<>();
        for (String outcome : all) {
            if (stages.stream().anyMatch(st -> n(st.outcomes().get(outcome)) > 0)) {
                out.add(outcome);
            }
        }
        return out;
    }

    /**
     * A diagnosis quotes the samples that explain the failure; otherwise the stages' own samples are
     * shown here, so the few errors of a passing run are still visible.
     */
    private static boolean diagnosisQuotesSamples(LoadCampaign c) {
        return c.getStatus() != null && c.getStatus().diagnosis() != null
                && c.getStatus().diagnosis().errorSamples() != null && !c.getStatus().diagnosis().errorSamples().isEmpty();
    }

    private static long n(Long count) {
        return count == null ? 0 : count;
    }
}
