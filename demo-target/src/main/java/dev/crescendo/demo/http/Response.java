package dev.crescendo.demo.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A complete response: status, content type, body and any extra headers. */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Response json(int status, JsonNode body) {
        try {
            return new Response(status, "application/json", JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    public static Response error(int status, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", message);
        return json(status, body);
    }

    public static Response text(int status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Response withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, Map.copyOf(more));
    }
}
