package dev.crescendo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.crescendo.api.LoadCampaign;
import dev.crescendo.campaign.ManifestReader;
import dev.crescendo.loadgen.config.ConfigException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading the one campaign a local run takes, and writing what it ended as. */
final class CampaignFiles {
    private CampaignFiles() {}

    /** The single valid campaign in {@code manifests}, or null after printing why there is none (naming {@code source}). */
    static LoadCampaign single(String source, List<ManifestReader.Manifest> manifests, PrintWriter out) {
        if (manifests.size() != 1) {
            out.println(source + ": holds " + manifests.size() + " documents; run one campaign at a time");
            return null;
        }
        ManifestReader.Manifest m = manifests.get(0);
        if (!m.valid()) {
            out.println(source + ": " + m.describe() + " is invalid");
            m.problems().forEach(p -> out.println("  " + p));
            return null;
        }
        return m.campaign();
    }

    static LoadCampaign read(Path file, PrintWriter out) {
        try {
            return single(file.toString(), ManifestReader.read(file), out);
        } catch (ConfigException e) {
            out.println(e.getMessage());
            return null;
        }
    }

    /** What {@code run} and {@code demo} leave behind when asked: the final resource and its Markdown report. */
    static void writeResults(LoadCampaign last, Path output, Path report, PrintWriter out) throws IOException {
        if (output != null) {
            write(output, last);
            out.println("final LoadCampaign written to " + output);
        }
        if (report != null) {
            dev.crescendo.report.CampaignReport.write(last, report);
            out.println("report written to " + report);
        }
    }

    /** The final LoadCampaign, status included: JSON for a {@code .json} file, YAML otherwise. */
    static void write(Path file, LoadCampaign c) throws IOException {
        ObjectMapper mapper = file.toString().endsWith(".json")
                ? Serialization.jsonMapper().copy().enable(SerializationFeature.INDENT_OUTPUT) : new YAMLMapper();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, mapper.writeValueAsString(c));
    }
}
