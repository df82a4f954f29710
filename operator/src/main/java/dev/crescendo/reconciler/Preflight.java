package dev.crescendo.reconciler;

import dev.crescendo.api.PrometheusSpec;
import dev.crescendo.api.TargetSpec;
import dev.crescendo.loadgen.config.Durations;
import dev.crescendo.loadgen.scenario.ResponseJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * The gate before any load (reports 002 and 004): the target's preflight path must answer the
 * expected status and, when asked, carry the expected value in its JSON body. Without a
 * {@code preflight} section the target only has to answer HTTP at its base URL (any status):
 * it is up, which is what report 002's backend was not.
 */
final class Preflight {
    /** {@code cause}: a diagnosis cause when it failed (TargetUnreachable or PreflightFailed). */
    record Result(boolean passed, String cause, String message) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Result check(TargetSpec target) {
        TargetSpec.PreflightSpec p = target.preflight();
        String path = p != null && p.path() != null ? p.path() : "";
        Integer expected = p == null ? null : p.expectStatus() != null ? p.expectStatus() : 200;
        Duration timeout = Durations.parseOr(p == null ? null : p.timeout(), Duration.ofSeconds(5));
        String base = target.baseUrl().endsWith("/") ? target.baseUrl().substring(0, target.baseUrl().length() - 1) : target.baseUrl();
        URI uri = URI.create(base + path);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return new Result(false, "TargetUnreachable", "GET " + uri + ": connection refused; is the target running?");
        } catch (HttpTimeoutException e) {
            return new Result(false, "TargetUnreachable", "GET " + uri + ": no answer within " + Durations.format(timeout));
        } catch (IOException e) {
            return new Result(false, "TargetUnreachable", "GET " + uri + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "TargetUnreachable", "GET " + uri + ": interrupted");
        }
        if (expected != null && response.statusCode() != expected) {
            return new Result(false, "PreflightFailed", "GET " + uri + " answered " + response.statusCode() + ", expected "
                    + expected + ": " + abbreviate(response.body()));
        }
        if (p != null && p.expectBody() != null) {
            List<String> found;
            try {
                found = ResponseJson.parse(response.body()).scalars(ResponseJson.compile(p.expectBody().jsonPath()));
            } catch (IllegalArgumentException e) {
                return new Result(false, "PreflightFailed", "GET " + uri + ": " + e.getMessage() + ": " + abbreviate(response.body()));
            }
            if (found.size() != 1 || !found.get(0).equals(p.expectBody().equals())) {
                return new Result(false, "PreflightFailed", "GET " + uri + " answered " + response.statusCode() + " but "
                        + p.expectBody().jsonPath() + " is " + (found.isEmpty() ? "missing" : "'" + String.join(",", found) + "'")
                        + ", expected '" + p.expectBody().equals() + "': " + abbreviate(response.body()));
            }
        }
        return new Result(true, null, "GET " + uri + " answered " + response.statusCode());
    }

    /**
     * Prometheus must answer a query before load starts when thresholds need it, so a wrong URL or
     * token fails in seconds instead of leaving every evaluation "unavailable". The token is sent,
     * never shown.
     */
    Result checkPrometheus(PrometheusSpec prometheus, String bearerToken) {
        Duration timeout = Durations.parseOr(prometheus.timeout(), Duration.ofSeconds(5));
        String base = prometheus.url().endsWith("/") ? prometheus.url().substring(0, prometheus.url().length() - 1) : prometheus.url();
        URI uri = URI.create(base + "/api/v1/query?query=vector(1)");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Result(false, "MetricsUnavailable", "Prometheus at " + base + " answered " + response.statusCode()
                        + (response.statusCode() == 401 || response.statusCode() == 403 ? " (check bearerTokenSecretRef)" : "")
                        + ": " + abbreviate(response.body()));
            }
            List<String> status = ResponseJson.parse(response.body()).scalars(ResponseJson.compile("$.status"));
            if (!status.equals(List.of("success"))) {
                return new Result(false, "MetricsUnavailable", "Prometheus at " + base + " did not answer a query: "
                        + abbreviate(response.body()));
            }
            return new Result(true, null, "Prometheus at " + base + " answers queries");
        } catch (IOException | IllegalArgumentException e) {
            return new Result(false, "MetricsUnavailable", "Prometheus at " + base + " cannot be reached: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "MetricsUnavailable", "interrupted");
        }
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }
}
