package dev.crescendo.demo.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The query string's parameters; the first of repeated names wins, and an empty value counts as absent. */
public final class QueryParameters {
    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw (still percent-encoded) query string; null is an empty one. */
    public static QueryParameters parse(String rawQuery) throws ApiException {
        Map<String, String> values = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                // A template like cursor=${messageId?} sends cursor= before any id is known: no cursor.
                if (!name.isEmpty() && !value.isEmpty()) {
                    values.putIfAbsent(name, value);
                }
            }
        }
        return new QueryParameters(values);
    }

    /** The value, or null when the parameter is absent or empty. */
    public String get(String name) {
        return values.get(name);
    }

    private static String decode(String s) throws ApiException {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("query string is not valid percent-encoding: '" + s + "'");
        }
    }
}
