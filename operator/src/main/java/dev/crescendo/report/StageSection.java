package dev.crescendo.report;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus.OperationResult;
import dev.crescendo.api.LoadCampaignStatus.StagePhase;
import dev.crescendo.api.LoadCampaignStatus.StageStatus;
import dev.crescendo.loadgen.config.StageConfig.StageSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** "Stages": what each stage asked for and got, then latency per operation. */
final class StageSection {
    static final String OK = "ok";

    private StageSection() {}

    static String render(LoadCampaign c) {
        List<StageStatus> ran = CampaignParts.stages(c);
        if (ran.isEmpty()) {
            return "";
        }
        MarkdownTable stages = new MarkdownTable().text("Stage").number("Load").number("Duration").number("Ran")
                .text("Verdict").number("Requests").number("Throughput (req/s)").number("Dropped").number("Errors")
                .text("Note");
        for (StageStatus st : ran) {
            StageSpec spec = CampaignParts.specStage(c, st.name());
            stages.row(Markdown.text(st.name()), spec == null ? null : ReportFormat.load(spec),
                    spec == null ? null : duration(spec),
                    ReportFormat.between(st.startedAt(), st.finishedAt()).map(ReportFormat::seconds).orElse(null),
                    verdict(st), ReportFormat.count(st.requests()), ReportFormat.rate(st.throughputPerSecond()),
                    ReportFormat.count(st.dropped()), ReportFormat.percent(errorShare(st.outcomes())),
                    Markdown.text(st.message()));
        }
        // Stages the campaign never reached: a report shows how far it got, not only what ran.
        Set<String> seen = ran.stream().map(StageStatus::name).collect(Collectors.toSet());
        for (StageSpec spec : CampaignParts.specStages(c)) {
            if (!seen.contains(spec.name())) {
                stages.row(Markdown.text(spec.name()), ReportFormat.load(spec), duration(spec), null, "not run",
                        null, null, null, null, null);
            }
        }
        StringBuilder out = new StringBuilder(Markdown.heading(2, "Stages")).append('\n').append(stages.render());
        MarkdownTable latency = latency(ran);
        if (!latency.isEmpty()) {
            out.append('\n').append(Markdown.heading(3, "Latency by operation")).append('\n').append(latency.render());
        }
        return out.toString();
    }

    private static MarkdownTable latency(List<StageStatus> stages) {
        MarkdownTable t = new MarkdownTable().text("Stage").text("Operation").number("Count").number("P50")
                .number("P95").number("P99").number("Max");
        for (StageStatus st : stages) {
            if (st.operations() == null) {
                continue;
            }
            for (Map.Entry<String, OperationResult> op : st.operations().entrySet()) {
                OperationResult r = op.getValue();
                if (r == null) {
                    continue;
                }
                t.row(Markdown.text(st.name()), Markdown.text(op.getKey()), ReportFormat.count(r.count()), r.p50(),
                        r.p95(), r.p99(), r.max());
            }
        }
        return t;
    }

    private static String duration(StageSpec spec) {
        return spec.duration() + (spec.rampUp() == null ? "" : " (ramp-up " + spec.rampUp() + ")");
    }

    /** The verdict, and how the stage ended when that was not by running to its end. */
    private static String verdict(StageStatus st) {
        String verdict = st.verdict() == null ? null : st.verdict().name();
        if (st.phase() == null || st.phase() == StagePhase.Completed) {
            return verdict;
        }
        String phase = st.phase().name().toLowerCase(Locale.ROOT);
        return verdict == null ? phase : verdict + " (" + phase + ")";
    }

    /** Everything not {@code ok}, over all classified responses; null when nothing was classified. */
    static Double errorShare(Map<String, Long> outcomes) {
        if (outcomes == null) {
            return null;
        }
        long total = outcomes.values().stream().mapToLong(n -> n == null ? 0 : n).sum();
        if (total == 0) {
            return null;
        }
        Long ok = outcomes.get(OK);
        return (double) (total - (ok == null ? 0 : ok)) / total;
    }
}
