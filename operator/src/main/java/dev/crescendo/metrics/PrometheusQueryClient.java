package dev.crescendo.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Instant queries against the Prometheus HTTP API ({@code GET /api/v1/query}), read as one number
 * for a threshold (DESIGN §5). Every failure is a {@link MetricReading#unavailable} whose reason
 * says what to fix: a query that returns several series or none, a PromQL error as Prometheus
 * words it, a rejected token, an unreachable server, or a URL that is not Prometheus at all.
 *
 * <p>The bearer token is sent as {@code Authorization: Bearer}, and never appears in a reason, an
 * exception or a log line (text echoed back by a server is redacted too). Redirects are not
 * followed, so the token goes only to the configured URL.
 *
 * <p>Thread-safe and reusable; one instance per Prometheus (queries are low rate). A reachability
 * check is {@code instant("vector(1)")}.
 */
public final class PrometheusQueryClient implements AutoCloseable {
    /** API answers to instant queries are small; a bigger one is a query over too many series. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN_SERIES = 2;

    private final URI base;
    private final String shownBase;
    private final String bearerToken;
    private final Duration timeout;
    private final HttpClient http;
    private volatile boolean closed;

    /**
     * @param baseUrl     e.g. {@code http://prometheus.monitoring.svc:9090}, may end with {@code /} or
     *                    have a path prefix ({@code http://host/prometheus})
     * @param bearerToken sent as {@code Authorization: Bearer}; null or blank for none; surrounding
     *                    whitespace (the newline of {@code echo token | kubectl create secret}) is dropped
     * @param timeout     for the whole exchange: connect, answer and body
     */
    public PrometheusQueryClient(URI baseUrl, String bearerToken, Duration timeout) {
        if (baseUrl == null || !baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !("http".equalsIgnoreCase(baseUrl.getScheme()) || "https".equalsIgnoreCase(baseUrl.getScheme()))) {
            throw new IllegalArgumentException("Prometheus URL must be an absolute http(s) URL, got " + shown(baseUrl));
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("Prometheus URL must not have a query or fragment: " + shown(baseUrl));
        }
        if (baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Prometheus URL must not carry user:password (" + shown(baseUrl)
                    + "); use a bearer token secret");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        String token = bearerToken == null ? null : bearerToken.strip();
        if (token != null && token.isEmpty()) {
            token = null;
        }
        if (token != null && token.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            // Checked here because the JDK's own check quotes the header value. Never echo the token.
            throw new IllegalArgumentException("the bearer token has characters a token cannot have"
                    + " (a line break, a space or a non-ASCII character inside it?)");
        }
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
        this.base = URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path);
        this.shownBase = base.toString();
        this.bearerToken = token;
        this.timeout = timeout;
        this.http = BoundedGet.newClient(timeout);
    }

    /** The base URL queries go to (no trailing slash). */
    public URI baseUrl() {
        return base;
    }

    /**
     * Runs {@code promql} as an instant query (evaluated now) and reads it as one number: a scalar,
     * or an instant vector with exactly one series. Never throws for anything the server or the
     * network does.
     */
    public MetricReading instant(String promql) {
        if (promql == null || promql.isBlank()) {
            return MetricReading.unavailable("the PromQL query is empty");
        }
        if (closed) {
            return MetricReading.unavailable("the client for Prometheus at " + shownBase + " is closed");
        }
        URI uri = URI.create(shownBase + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json");
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        BoundedGet.Response response;
        try {
            response = BoundedGet.send(http, request.build(), timeout, MAX_BODY_BYTES);
        } catch (BoundedGet.Failure e) {
            return unavailable("Prometheus at " + shownBase + " is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("query to Prometheus at " + shownBase + " interrupted");
        }
        return interpret(response);
    }

    private MetricReading interpret(BoundedGet.Response response) {
        int status = response.status();
        if (response.truncated() && status == 200) {
            return unavailable("Prometheus at " + shownBase + " answered more than " + (MAX_BODY_BYTES >> 20)
                    + " MiB for one instant query; aggregate it, e.g. max(...), so it returns one series");
        }
        if (status >= 300 && status < 400) {
            return unavailable("Prometheus at " + shownBase + " answered " + status + ", a redirect to "
                    + response.headers().firstValue("Location").orElse("(no Location)")
                    + "; redirects are not followed (the token would go along): set the URL it points to");
        }
        JsonNode root = parseApiJson(response.text());
        if (status == 401 || status == 403) {
            return unavailable("Prometheus at " + shownBase + " answered " + status
                    + (status == 401 ? " Unauthorized" : " Forbidden")
                    + (bearerToken == null ? " and no bearer token was sent: set bearerTokenSecretRef"
                            : ": check the bearer token secret (bearerTokenSecretRef)")
                    + detail(root, response));
        }
        if (root == null) {
            if (status != 200) {
                return unavailable("Prometheus at " + shownBase + " answered " + status + " (content-type "
                        + response.contentType() + "): " + quote(BoundedGet.snippet(response.text(), 100))
                        + (status == 404 ? "; is the URL, with any path prefix, the Prometheus server's?" : ""));
            }
            return notTheApi(response);
        }
        String apiStatus = root.path("status").asText();
        if ("error".equals(apiStatus)) {
            String errorType = root.path("errorType").asText("");
            String error = root.path("error").asText("");
            return unavailable("Prometheus at " + shownBase + " rejected the query (" + status
                    + (errorType.isEmpty() ? "" : " " + errorType) + "): " + quote(BoundedGet.snippet(error, 500)));
        }
        if (!"success".equals(apiStatus) || status != 200) {
            return status == 200 ? notTheApi(response)
                    : unavailable("Prometheus at " + shownBase + " answered " + status + ": "
                    + quote(BoundedGet.snippet(response.text(), 100)));
        }
        JsonNode data = root.path("data");
        String resultType = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        return switch (resultType) {
            case "scalar" -> sampleValue(result, "scalar");
            case "vector" -> vector(result);
            case "matrix" -> unavailable("query returned a range vector (matrix); a threshold needs an instant vector"
                    + " or a scalar: drop the [range] selector, or wrap it, e.g. rate(x[1m]) or max_over_time(x[1m])");
            case "string" -> unavailable("query returned a string; a threshold needs an instant vector or a scalar");
            default -> notTheApi(response);
        };
    }

    private MetricReading vector(JsonNode result) {
        if (!result.isArray()) {
            return unavailable("Prometheus at " + shownBase + " answered a vector without a result list");
        }
        if (result.isEmpty()) {
            return unavailable("query returned no series");
        }
        if (result.size() > 1) {
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < Math.min(SHOWN_SERIES, result.size()); i++) {
                shown.add(seriesName(result.get(i).path("metric")));
            }
            return unavailable("query returned " + result.size() + " series (e.g. " + String.join(", ", shown)
                    + "); aggregate it, e.g. max(...), so it returns one");
        }
        JsonNode sample = result.get(0);
        if (sample.has("histogram") && !sample.has("value")) {
            return unavailable("query returned a native histogram " + seriesName(sample.path("metric"))
                    + "; a threshold needs a number, e.g. histogram_quantile(0.95, ...) or histogram_count(...)");
        }
        return sampleValue(sample.path("value"), "series " + seriesName(sample.path("metric")));
    }

    /** {@code [<unix time>, "<value>"]}: Prometheus writes values as strings ("1.5", "NaN", "+Inf"). */
    private MetricReading sampleValue(JsonNode pair, String what) {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
            return unavailable("Prometheus at " + shownBase + " answered a " + what + " without a [time, value] pair");
        }
        String text = pair.get(1).asText();
        double value;
        try {
            value = ExpositionParser.parseFloat(text);
        } catch (NumberFormatException e) {
            return unavailable("Prometheus at " + shownBase + " answered a value that is not a number: " + quote(text));
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return MetricReading.notANumber(redact("query returned " + text + " (" + what + "), not a usable value"
                    + (Double.isNaN(value) ? "; e.g. a division by zero, or 0/0 over no requests" : "")));
        }
        return MetricReading.of(value);
    }

    private MetricReading notTheApi(BoundedGet.Response response) {
        return unavailable("Prometheus at " + shownBase + " answered something that is not the Prometheus HTTP API ("
                + response.status() + ", content-type " + response.contentType() + ", "
                + quote(BoundedGet.snippet(response.text(), 100)) + "); is the URL the Prometheus server's?");
    }

    private static String detail(JsonNode root, BoundedGet.Response response) {
        if (root != null && root.hasNonNull("error")) {
            return ": " + quote(root.path("error").asText());
        }
        String body = BoundedGet.snippet(response.text(), 100);
        return body.isEmpty() ? "" : ": " + quote(body);
    }

    /** A JSON object that has a {@code status} field (every Prometheus API answer has one), or null. */
    private static JsonNode parseApiJson(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() && node.path("status").isTextual() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code name{a="1", b="2"}}, as Prometheus prints a series. */
    static String seriesName(JsonNode metric) {
        StringBuilder out = new StringBuilder(metric.path("__name__").asText(""));
        List<String> labels = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : metric.properties()) {
            if (!e.getKey().equals("__name__")) {
                labels.add(e.getKey() + "=" + quote(e.getValue().asText()));
            }
        }
        if (!labels.isEmpty() || out.isEmpty()) {
            out.append('{').append(String.join(", ", labels)).append('}');
        }
        return out.toString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Every reason passes here: text a server echoed back (a proxy's error page) may carry the token. */
    private MetricReading unavailable(String reason) {
        return MetricReading.unavailable(redact(reason));
    }

    private String redact(String text) {
        return bearerToken == null ? text : text.replace(bearerToken, "<redacted>");
    }

    private static String shown(URI uri) {
        return uri == null ? "null" : BoundedGet.display(uri);
    }

    @Override
    public String toString() {
        return "PrometheusQueryClient[" + shownBase + (bearerToken == null ? "" : ", with bearer token") + "]";
    }

    /** Releases the HTTP client's connections and threads; a read still under way ends unavailable. */
    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
    }
}
