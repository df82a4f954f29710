package dev.crescendo.demo.http;

import java.util.Map;

/**
 * What a route handler sees of a request.
 *
 * @param pathParameters the template's {@code {name}} segments, percent-decoded
 */
public record Request(String method, String path, Map<String, String> pathParameters, QueryParameters query, byte[] body) {
    public String pathParameter(String name) {
        return pathParameters.get(name);
    }
}
