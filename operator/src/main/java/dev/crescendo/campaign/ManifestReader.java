package dev.crescendo.campaign;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.crescendo.api.LoadCampaign;
import dev.crescendo.loadgen.config.ConfigException;
import dev.crescendo.loadgen.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads LoadCampaign manifests (YAML or JSON, several documents per file) strictly, and validates
 * each: the offline half of what the operator checks before running anything.
 */
public final class ManifestReader {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** One document of a file: the campaign when it could be read, and every problem found. */
    public record Manifest(int document, LoadCampaign campaign, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }

        /** {@code namespace/name}, or the document number when there is no name. */
        public String describe() {
            if (campaign == null || campaign.getMetadata() == null || campaign.getMetadata().getName() == null) {
                return "document " + document;
            }
            String ns = campaign.getMetadata().getNamespace();
            return (ns == null ? "" : ns + "/") + campaign.getMetadata().getName();
        }
    }

    private ManifestReader() {}

    public static List<Manifest> read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
        return parse(text);
    }

    /** The non-empty documents of a YAML (or JSON) text, as trees. */
    public static List<JsonNode> documents(String text) throws ConfigException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            }
        } catch (JacksonException e) {
            throw new ConfigException("not valid YAML or JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException(e.getMessage());
        }
        return documents;
    }

    public static List<Manifest> parse(String text) throws ConfigException {
        List<JsonNode> documents = documents(text);
        if (documents.isEmpty()) {
            throw new ConfigException("no LoadCampaign in the file");
        }
        List<Manifest> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            out.add(check(i + 1, documents.get(i)));
        }
        return out;
    }

    private static Manifest check(int document, JsonNode node) {
        String apiVersion = node.path("apiVersion").asText("");
        String kind = node.path("kind").asText("");
        String expected = LoadCampaign.GROUP + "/" + LoadCampaign.VERSION;
        if (!kind.equals("LoadCampaign") || !apiVersion.equals(expected)) {
            return new Manifest(document, null, List.of("apiVersion/kind: expected " + expected + " LoadCampaign, got "
                    + (apiVersion.isEmpty() ? "none" : apiVersion) + " " + (kind.isEmpty() ? "none" : kind)));
        }
        LoadCampaign campaign;
        try {
            campaign = ConfigLoader.read(node.toString(), LoadCampaign.class, true);
        } catch (ConfigException e) {
            return new Manifest(document, null, e.problems());
        }
        List<String> problems = new ArrayList<>();
        if (campaign.getMetadata() == null || campaign.getMetadata().getName() == null) {
            problems.add("metadata.name: is required");
        }
        problems.addAll(CampaignValidator.validate(
                campaign.getMetadata() == null ? null : campaign.getMetadata().getName(), campaign.getSpec()));
        return new Manifest(document, campaign, problems);
    }
}
