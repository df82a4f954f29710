package dev.crescendo.metrics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crescendo.loadgen.report.LiveSnapshot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a running load generator's {@code /snapshot} straight from its pod (DESIGN §5): exact
 * numbers for the recent window, without waiting for a Prometheus scrape.
 */
public final class GeneratorSnapshotClient {
    /** The snapshot, or why there is none (unreachable, not a snapshot); both null while it is starting. */
    public record Result(LiveSnapshot snapshot, String unavailableReason) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, true);

    private final HttpClient http;
    private final Duration timeout;

    public GeneratorSnapshotClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Result read(String host, int port) {
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/snapshot");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Result(null, "load generator at " + uri + " answered " + response.statusCode());
            }
            LiveSnapshot s = JSON.readValue(response.body(), LiveSnapshot.class);
            if (s.state() == null || s.total() == null) {
                return new Result(null, null); // starting: no load yet, so nothing to judge and nothing missing
            }
            return new Result(s, null);
        } catch (IOException e) {
            return new Result(null, "load generator at " + uri + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted");
        }
    }
}
