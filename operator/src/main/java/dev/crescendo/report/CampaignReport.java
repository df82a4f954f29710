package dev.crescendo.report;

import dev.crescendo.api.LoadCampaign;
import dev.crescendo.api.LoadCampaignStatus;
import dev.crescendo.api.LoadCampaignStatus.Breach;
import dev.crescendo.api.LoadCampaignStatus.Diagnosis;
import dev.crescendo.api.LoadCampaignStatus.PreflightStatus;
import dev.crescendo.api.LoadCampaignStatus.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A finished campaign as a Markdown report: what report 001 wrote by hand (stages, latency, outcomes,
 * scaling from stage to stage, capacity), generated from the status alone. Sections with nothing
 * to show are left out, so a campaign that never ran is its title, message, preflight and diagnosis.
 */
public final class CampaignReport {
    private CampaignReport() {}

    /** The report. Pure: reads only {@code campaign} (spec and status), no files, no cluster. */
    public static String markdown(LoadCampaign campaign) {
        Objects.requireNonNull(campaign, "campaign");
        List<String> sections = new ArrayList<>();
        sections.add(title(campaign));
        sections.add(preflight(campaign.getStatus()));
        sections.add(StageSection.render(campaign));
        sections.add(OutcomeSection.render(campaign));
        sections.add(ThresholdSection.render(campaign));
        sections.add(breach(campaign.getStatus()));
        sections.add(diagnosis(campaign.getStatus()));
        sections.add(ScalingSection.render(campaign));
        sections.add(CapacitySection.render(campaign));
        sections.add(history(campaign.getStatus()));
        return String.join("\n", sections.stream().filter(s -> !s.isEmpty()).toList());
    }

    /**
     * Writes {@link #markdown} to {@code file} (UTF-8), creating its directory: for {@code crescendo run}
     * and {@code crescendo demo} to leave a report next to the final LoadCampaign.
     */
    public static void write(LoadCampaign campaign, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, markdown(campaign));
    }

    private static String title(LoadCampaign c) {
        String name = c.getMetadata() == null ? null : c.getMetadata().getName();
        LoadCampaignStatus s = c.getStatus();
        List<String> facts = new ArrayList<>();
        Markdown.fact(facts, "Namespace", c.getMetadata() == null ? null : Markdown.text(c.getMetadata().getNamespace()));
        if (s != null) {
            Markdown.fact(facts, "Run", s.run() == null ? null : s.run().toString());
            Markdown.fact(facts, "Phase", s.phase() == null ? null : s.phase().name());
            Markdown.fact(facts, "Verdict", s.verdict() == null ? null : s.verdict().name());
        }
        String target = c.getSpec() == null || c.getSpec().target() == null ? null : c.getSpec().target().baseUrl();
        Markdown.fact(facts, "Target", target == null ? null : Markdown.code(target));

        List<String> blocks = new ArrayList<>();
        blocks.add(Markdown.heading(1, "Load campaign " + Markdown.text(name == null ? "(unnamed)" : name)));
        if (!facts.isEmpty()) {
            blocks.add(String.join("\n", facts) + "\n");
        }
        if (s == null) {
            blocks.add("No status: the campaign has not been run.\n");
        } else if (s.message() != null && !s.message().isBlank()) {
            blocks.add(Markdown.quote(s.message()));
        }
        return String.join("\n", blocks);
    }

    private static String preflight(LoadCampaignStatus s) {
        PreflightStatus p = s == null ? null : s.preflight();
        if (p == null) {
            return "";
        }
        String result = p.passed() == null ? "not judged" : p.passed() ? "passed" : "**FAILED**";
        return "**Preflight:** " + result + (p.checkedAt() == null ? "" : " at " + p.checkedAt())
                + (p.message() == null ? "" : " — " + Markdown.text(p.message())) + "\n";
    }

    private static String breach(LoadCampaignStatus s) {
        Breach b = s == null ? null : s.breach();
        if (b == null) {
            return "";
        }
        String took = ReportFormat.between(b.detectedAt(), b.loadStoppedAt()).map(ReportFormat::seconds).orElse(null);
        MarkdownTable t = new MarkdownTable().text("Stage").text("Threshold").number("Observed").text("Limit")
                .text("Detected at").text("Load stopped at").number("Stopped after")
                .row(Markdown.text(b.stage()), Markdown.text(b.threshold()), Markdown.text(b.observed()),
                        Markdown.text(b.limit()), b.detectedAt(), b.loadStoppedAt(), took);
        StringBuilder out = new StringBuilder(Markdown.heading(2, "Breach")).append('\n').append(t.render());
        if (took != null) {
            out.append("\nThe load stopped ").append(took).append(" after the breach was detected.\n");
        }
        return out.toString();
    }

    private static String diagnosis(LoadCampaignStatus s) {
        Diagnosis d = s == null ? null : s.diagnosis();
        if (d == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Markdown.heading(2, "Diagnosis")).append('\n');
        out.append("**Cause:** ").append(d.cause() == null ? "unknown" : Markdown.code(d.cause())).append('\n');
        if (d.message() != null && !d.message().isBlank()) {
            out.append('\n').append(Markdown.quote(d.message()));
        }
        List<String> evidence = d.evidence() == null ? List.of() : d.evidence().stream().filter(Objects::nonNull).toList();
        if (!evidence.isEmpty()) {
            out.append("\nEvidence:\n\n");
            evidence.forEach(e -> out.append("- ").append(Markdown.text(e.strip().replaceAll("\\R", " "))).append('\n'));
        }
        String samples = ErrorSamples.of(d.errorSamples());
        if (!samples.isEmpty()) {
            out.append('\n').append(Markdown.heading(3, "Error samples")).append('\n').append(samples);
        }
        return out.toString();
    }

    private static String history(LoadCampaignStatus s) {
        List<RunSummary> runs = s == null || s.history() == null ? List.of()
                : s.history().stream().filter(Objects::nonNull).toList();
        if (runs.isEmpty()) {
            return "";
        }
        MarkdownTable t = new MarkdownTable().number("Run").number("Generation").text("Phase").text("Verdict")
                .text("Started").text("Finished").text("Last passed stage");
        for (RunSummary r : runs) {
            t.row(str(r.run()), str(r.generation()), str(r.phase()), str(r.verdict()), r.startedAt(), r.finishedAt(),
                    Markdown.text(r.lastPassedStage()));
        }
        return Markdown.heading(2, "History") + "\nEarlier runs, newest first.\n\n" + t.render();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
