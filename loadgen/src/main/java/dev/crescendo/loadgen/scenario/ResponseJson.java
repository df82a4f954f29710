package dev.crescendo.loadgen.scenario;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.InvalidJsonException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A response body parsed once as JSON, read by several JSONPaths (extraction and checks). */
public final class ResponseJson {
    private static final Configuration CONFIG = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .build();

    private final DocumentContext document;

    private ResponseJson(DocumentContext document) {
        this.document = document;
    }

    /** @throws IllegalArgumentException with a short reason when the body is not JSON */
    public static ResponseJson parse(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("response body is empty, expected JSON");
        }
        try {
            return new ResponseJson(JsonPath.using(CONFIG).parse(body));
        } catch (InvalidJsonException e) {
            throw new IllegalArgumentException("response body is not valid JSON");
        }
    }

    public static JsonPath compile(String path) {
        return JsonPath.compile(path);
    }

    /** Scalar values at {@code path} as strings (a list path yields each element); empty when absent or null. */
    public List<String> scalars(JsonPath path) {
        Object value;
        try {
            value = document.read(path);
        } catch (PathNotFoundException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        collect(value, out);
        return out;
    }

    private static void collect(Object value, List<String> out) {
        if (value == null || value instanceof Map) {
            return;
        }
        if (value instanceof Collection<?> many) {
            many.forEach(v -> collect(v, out));
            return;
        }
        out.add(String.valueOf(value));
    }
}
