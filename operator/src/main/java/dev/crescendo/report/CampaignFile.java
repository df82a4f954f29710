package dev.crescendo.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.crescendo.api.LoadCampaign;
import dev.crescendo.loadgen.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a campaign to report on: the {@code --output} of {@code crescendo run} (YAML or JSON) or
 * {@code kubectl get lc NAME -o yaml|json} (also a {@code List} holding one campaign). Unlike
 * {@link dev.crescendo.campaign.ManifestReader} it is lenient: fields it does not know (a newer
 * operator's status, kubectl's metadata) are skipped and the spec is not validated, because a
 * report of an Invalid campaign is still a report. It does insist on a LoadCampaign with a status.
 */
public final class CampaignFile {
    private static final String EXPECTED = LoadCampaign.GROUP + "/" + LoadCampaign.VERSION + " LoadCampaign";
    private static final ObjectMapper LENIENT = new YAMLMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private CampaignFile() {}

    /** The campaign in {@code file}; a {@link ConfigException} whose message starts with the file's name says why not. */
    public static LoadCampaign read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    public static LoadCampaign parse(String text) throws ConfigException {
        JsonNode node = campaignNode(dev.crescendo.campaign.ManifestReader.documents(text));
        LoadCampaign campaign;
        try {
            campaign = LENIENT.treeToValue(node, LoadCampaign.class);
        } catch (JsonMappingException e) {
            throw new ConfigException("not a readable LoadCampaign: " + path(e) + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new ConfigException("not a readable LoadCampaign: " + e.getOriginalMessage());
        }
        if (campaign.getStatus() == null) {
            throw new ConfigException("the LoadCampaign has no status: it has not run yet (report the --output of"
                    + " crescendo run, or kubectl get lc NAME -o yaml)");
        }
        return campaign;
    }


    /** The one LoadCampaign: the only document, or the only item of kubectl's List. */
    private static JsonNode campaignNode(List<JsonNode> documents) throws ConfigException {
        if (documents.isEmpty()) {
            throw new ConfigException("empty: expected a " + EXPECTED);
        }
        if (documents.size() > 1) {
            throw new ConfigException("holds " + documents.size() + " documents; report one LoadCampaign at a time");
        }
        JsonNode node = documents.get(0);
        if (!node.isObject()) {
            throw new ConfigException("expected a " + EXPECTED + ", got " + (node.isArray() ? "a list" : "the value '" + node.asText() + "'"));
        }
        if ("List".equals(node.path("kind").asText()) && node.path("items").isArray()) {
            JsonNode items = node.path("items");
            if (items.size() != 1) {
                throw new ConfigException("a List of " + items.size() + " items; report one LoadCampaign at a time");
            }
            node = items.get(0);
        }
        String apiVersion = node.path("apiVersion").asText("");
        String kind = node.path("kind").asText("");
        if (!(LoadCampaign.GROUP + "/" + LoadCampaign.VERSION).equals(apiVersion) || !"LoadCampaign".equals(kind)) {
            throw new ConfigException("expected a " + EXPECTED + ", got " + (apiVersion.isEmpty() ? "no apiVersion" : apiVersion)
                    + " " + (kind.isEmpty() ? "and no kind" : kind));
        }
        return node;
    }

    /** "field status.stages[0].requests: " — where a value had the wrong type. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "" : "field " + out + ": ";
    }
}
