package dev.crescendo.loadgen.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a stage config from JSON or YAML, strictly: unknown fields and bad values are errors with a path. */
public final class ConfigLoader {
    private static final ObjectMapper YAML = configure(new YAMLMapper());
    private static final ObjectMapper JSON = configure(new JsonMapper());
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("token `JsonToken\\.(\\w+)`");

    private ConfigLoader() {}

    public static StageConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
        }
        boolean json = file.getFileName().toString().endsWith(".json");
        return parse(text, json);
    }

    public static StageConfig parse(String text, boolean json) throws ConfigException {
        StageConfig config = read(text, StageConfig.class, json);
        if (config == null) {
            throw new ConfigException("config is empty");
        }
        List<String> problems = StageConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /**
     * Reads {@code text} as {@code type}, strictly: an unknown field, a wrong type or broken syntax is
     * a {@link ConfigException} naming the field path (e.g. {@code spec.stages[1].vus}).
     */
    public static <T> T read(String text, Class<T> type, boolean json) throws ConfigException {
        try {
            return (json ? JSON : YAML).readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(
                    "unknown field '" + join(e.getPath(), e.getPropertyName()) + "'; known fields here: "
                            + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        } catch (JsonMappingException e) {
            throw new ConfigException(describe(e));
        } catch (JacksonException e) {
            throw new ConfigException("config is not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage()
                    + location(e));
        }
    }

    /** A JSON rendering of a config, for handing a stage to the generator (the operator's path). */
    public static String toJson(StageConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(JsonMappingException e) {
        String field = join(e.getPath(), null);
        if (e.getCause() instanceof com.fasterxml.jackson.core.exc.StreamReadException syntax) {
            return "config is not valid YAML/JSON: " + syntax.getOriginalMessage() + location(syntax);
        }
        java.util.regex.Matcher token = TOKEN.matcher(String.valueOf(e.getOriginalMessage()));
        if (e instanceof MismatchedInputException m && m.getTargetType() != null && token.find()) {
            return (field.isEmpty() ? "config" : "field " + field) + ": expected " + kind(m.getTargetType())
                    + ", got " + kind(com.fasterxml.jackson.core.JsonToken.valueOf(token.group(1)));
        }
        String cause = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
        // Jackson's messages name Java types; keep the first sentence, which says what was wrong.
        int cut = cause.indexOf(" at [Source");
        if (cut > 0) {
            cause = cause.substring(0, cut);
        }
        return (field.isEmpty() ? "config" : "field " + field) + ": " + cause.replace("java.lang.", "");
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping";
    }

    private static String kind(com.fasterxml.jackson.core.JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    static String join(List<JsonMappingException.Reference> path, String last) {
        StringBuilder out = new StringBuilder();
        List<JsonMappingException.Reference> refs = last != null && !path.isEmpty() ? path.subList(0, path.size() - 1) : path;
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (last != null) {
            out.append(out.isEmpty() ? "" : ".").append(last);
        }
        return out.toString();
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
    }
}
