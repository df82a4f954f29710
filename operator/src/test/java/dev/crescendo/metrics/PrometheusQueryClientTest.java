package dev.crescendo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crescendo.loadgen.testing.ResetServer;
import dev.crescendo.loadgen.testing.TestTarget;
import dev.crescendo.testing.CannedHttpServer;
import dev.crescendo.testing.CannedHttpServer.Answer;
import dev.crescendo.testing.CannedHttpServer.Hold;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against canned Prometheus API answers from a real loopback HTTP server. */
class PrometheusQueryClientTest {
    static final String TOKEN = "s3cr3t-T0KEN-value";
    /** Generous, so a busy machine never fails a test; the timeout tests use their own short one. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration SHORT = Duration.ofMillis(300);

    CannedHttpServer server;
    PrometheusQueryClient client;
    String base;

    @BeforeEach
    void start() throws Exception {
        server = new CannedHttpServer();
        base = "http://127.0.0.1:" + server.port();
        client = new PrometheusQueryClient(URI.create(base), TOKEN, TIMEOUT);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    static String success(String resultType, String result) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"" + resultType + "\",\"result\":" + result + "}}";
    }

    static String vector(String... samples) {
        return success("vector", "[" + String.join(",", samples) + "]");
    }

    static String sample(String metricJson, String value) {
        return "{\"metric\":" + metricJson + ",\"value\":[1700000000.123,\"" + value + "\"]}";
    }

    MetricReading answer(Answer answer, String promql) {
        server.answer(answer);
        return client.instant(promql);
    }

    MetricReading answerJson(int status, String json) {
        return answer(Answer.json(status, json), "some_query");
    }

    @Test
    void aScalarIsItsValue() {
        assertThat(answerJson(200, success("scalar", "[1700000000.123,\"6\"]"))).isEqualTo(MetricReading.of(6));
        assertThat(answerJson(200, success("scalar", "[1700000000,\"-1.5e-3\"]")).value()).isEqualTo(-0.0015);
    }

    @Test
    void aVectorOfOneSeriesIsItsValue() {
        assertThat(answerJson(200, vector(sample("{\"__name__\":\"up\",\"job\":\"app\"}", "0.97"))))
                .isEqualTo(MetricReading.of(0.97));
        assertThat(answerJson(200, vector(sample("{}", "1"))).value()).as("vector(1): the reachability check").isEqualTo(1);
    }

    @Test
    void anEmptyVectorIsNoSeries() {
        assertThat(answerJson(200, vector()).reason()).isEqualTo("query returned no series");
    }

    @Test
    void severalSeriesMustBeAggregated() {
        MetricReading r = answerJson(200, vector(
                sample("{\"__name__\":\"hikaricp_connections_active\",\"pool\":\"main\",\"pod\":\"a\"}", "8"),
                sample("{\"pool\":\"batch\"}", "1"),
                sample("{\"pool\":\"x\"}", "2")));
        assertThat(r.available()).isFalse();
        assertThat(r.reason()).isEqualTo("query returned 3 series (e.g. hikaricp_connections_active{pool=\"main\", pod=\"a\"},"
                + " {pool=\"batch\"}); aggregate it, e.g. max(...), so it returns one");
    }

    @Test
    void matrixAndStringAreNotInstantValues() {
        assertThat(answerJson(200, success("matrix", "[{\"metric\":{},\"values\":[[1,\"1\"],[2,\"2\"]]}]")).reason())
                .startsWith("query returned a range vector (matrix); a threshold needs an instant vector or a scalar");
        assertThat(answerJson(200, success("string", "[1700000000,\"hello\"]")).reason())
                .isEqualTo("query returned a string; a threshold needs an instant vector or a scalar");
    }

    @Test
    void nanAndInfinityAreNotValues() {
        assertThat(answerJson(200, success("scalar", "[1,\"NaN\"]")).reason())
                .startsWith("query returned NaN (scalar), not a usable value; e.g. a division by zero");
        assertThat(answerJson(200, vector(sample("{\"job\":\"a\"}", "+Inf"))).reason())
                .isEqualTo("query returned +Inf (series {job=\"a\"}), not a usable value");
        assertThat(answerJson(200, vector(sample("{}", "-Inf"))).available()).isFalse();
        assertThat(answerJson(200, vector(sample("{}", "one"))).reason()).contains("a value that is not a number: \"one\"");
    }

    @Test
    void nativeHistogramSamplesAreNotNumbers() {
        assertThat(answerJson(200, vector("{\"metric\":{\"__name__\":\"h\"},\"histogram\":[1,{\"count\":\"3\"}]}")).reason())
                .startsWith("query returned a native histogram h; a threshold needs a number");
    }

    @Test
    void promqlErrorsQuotePrometheus() {
        assertThat(answerJson(400, "{\"status\":\"error\",\"errorType\":\"bad_data\","
                + "\"error\":\"1:5: parse error: unclosed left parenthesis\"}").reason())
                .isEqualTo("Prometheus at " + base + " rejected the query (400 bad_data): "
                        + "\"1:5: parse error: unclosed left parenthesis\"");
        assertThat(answerJson(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"found duplicate series\"}")
                .reason()).isEqualTo("Prometheus at " + base + " rejected the query (422 execution): \"found duplicate series\"");
        assertThat(answerJson(503, "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out\"}").reason())
                .contains("(503 timeout): \"query timed out\"");
    }

    @Test
    void unauthorizedAndForbiddenPointAtTheTokenSecret() {
        assertThat(answer(Answer.of(401, "text/plain", "Unauthorized\n"), "up").reason())
                .isEqualTo("Prometheus at " + base + " answered 401 Unauthorized: check the bearer token secret"
                        + " (bearerTokenSecretRef): \"Unauthorized\"");
        assertThat(answer(Answer.json(403, "{\"status\":\"error\",\"error\":\"user cannot query\"}"), "up").reason())
                .isEqualTo("Prometheus at " + base + " answered 403 Forbidden: check the bearer token secret"
                        + " (bearerTokenSecretRef): \"user cannot query\"");
        try (PrometheusQueryClient anonymous = new PrometheusQueryClient(URI.create(base), null, TIMEOUT)) {
            server.answer(Answer.of(401, "text/plain", ""));
            assertThat(anonymous.instant("up").reason()).isEqualTo("Prometheus at " + base
                    + " answered 401 Unauthorized and no bearer token was sent: set bearerTokenSecretRef");
        }
    }

    @Test
    void somethingThatIsNotThePrometheusApi() {
        String html = "<!DOCTYPE html>\n<html><head><title>Grafana</title></head><body>" + "x".repeat(200) + "</body></html>";
        assertThat(answer(Answer.of(200, "text/html; charset=utf-8", html), "up").reason())
                .isEqualTo("Prometheus at " + base + " answered something that is not the Prometheus HTTP API (200,"
                        + " content-type text/html; charset=utf-8, \"" + html.replace("\n", " ").substring(0, 100)
                        + "…\"); is the URL the Prometheus server's?");
        assertThat(answerJson(200, "{\"hello\":\"world\"}").reason()).contains("not the Prometheus HTTP API (200,"
                + " content-type application/json, \"{\\\"hello\\\":\\\"world\\\"}\")");
        assertThat(answerJson(200, "{\"status\":\"succ").reason()).contains("not the Prometheus HTTP API");
        assertThat(answerJson(200, "[1,2,3]").reason()).contains("not the Prometheus HTTP API");
        assertThat(answerJson(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"table\"}}").reason())
                .contains("not the Prometheus HTTP API");
        assertThat(answer(Answer.of(200, null, ""), "up").reason()).contains("not the Prometheus HTTP API (200, content-type none");
        assertThat(answer(Answer.of(502, "text/html", "<html>Bad Gateway</html>"), "up").reason())
                .isEqualTo("Prometheus at " + base + " answered 502 (content-type text/html): \"<html>Bad Gateway</html>\"");
    }

    @Test
    void redirectsAreNotFollowed() {
        server.answer(r -> r.uri().getPath().startsWith("/elsewhere") ? Answer.json(200, vector(sample("{}", "1")))
                : new Answer(302, "text/html", "", Map.of("Location", base + "/elsewhere/api/v1/query")));
        assertThat(client.instant("up").reason()).isEqualTo("Prometheus at " + base + " answered 302, a redirect to "
                + base + "/elsewhere/api/v1/query; redirects are not followed (the token would go along): set the URL it points to");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void theQueryIsEncodedUnderTheBasePath() {
        String promql = "sum(rate(http_requests_total{path=~\"/api/.+\",q=\"a&b c\"}[1m])) / 2 + 1";
        for (String b : List.of(base + "/prom", base + "/prom/", base + "/prom//")) {
            try (PrometheusQueryClient c = new PrometheusQueryClient(URI.create(b), null, TIMEOUT)) {
                server.answer(Answer.json(200, success("scalar", "[1,\"1\"]")));
                assertThat(c.instant(promql).value()).isEqualTo(1);
                assertThat(c.baseUrl()).isEqualTo(URI.create(base + "/prom"));
                CannedHttpServer.Request r = server.lastRequest();
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.uri().getPath()).isEqualTo("/prom/api/v1/query");
                assertThat(r.uri().getQuery()).isEqualTo("query=" + promql);
                assertThat(r.uri().getRawQuery()).doesNotContain("+1").doesNotContain(" ").contains("%2B").contains("%26");
                assertThat(r.header("Authorization")).isNull();
            }
        }
        server.answer(Answer.json(200, success("scalar", "[1,\"1\"]")));
        client.instant("up");
        assertThat(server.lastRequest().uri().getPath()).isEqualTo("/api/v1/query");
    }

    @Test
    void theTokenIsSentAsBearerWithoutSurroundingWhitespace() {
        server.answer(Answer.json(200, success("scalar", "[1,\"1\"]")));
        client.instant("up");
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer " + TOKEN);
        try (PrometheusQueryClient c = new PrometheusQueryClient(URI.create(base), TOKEN + "\n", TIMEOUT)) {
            c.instant("up");
            assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer " + TOKEN);
        }
        try (PrometheusQueryClient c = new PrometheusQueryClient(URI.create(base), "  ", TIMEOUT)) {
            c.instant("up");
            assertThat(server.lastRequest().header("Authorization")).isNull();
        }
    }

    @Test
    void theTokenNeverAppearsInAnyReasonEvenWhenTheServerEchoesIt() {
        List<Answer> echoes = List.of(
                Answer.of(401, "text/plain", "bad credentials: %s"),
                Answer.of(403, "application/json", "{\"status\":\"error\",\"error\":\"token %s is not allowed\"}"),
                Answer.of(200, "text/html", "<html>you sent %s</html>"),
                Answer.of(500, "text/plain", "%s"),
                Answer.of(400, "application/json", "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"%s\"}"),
                Answer.of(200, "application/json", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                        + "[{\"metric\":{\"a\":\"%s\"},\"value\":[1,\"1\"]},{\"metric\":{},\"value\":[1,\"1\"]}]}}"),
                Answer.of(200, "application/json", "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"%s\"]}}"));
        List<String> reasons = new ArrayList<>();
        for (Answer echo : echoes) {
            server.answer(r -> new Answer(echo.status(), echo.contentType(),
                    echo.body().formatted(r.header("Authorization")), Map.of("X-Echo", r.header("Authorization"))));
            MetricReading reading = client.instant("up");
            assertThat(reading.available()).isFalse();
            reasons.add(reading.reason());
        }
        assertThat(reasons).allSatisfy(reason -> assertThat(reason).doesNotContain(TOKEN).doesNotContain("T0KEN"));
        assertThat(reasons.get(0)).contains("<redacted>");
    }

    @Test
    void theTokenIsNotInExceptionsNorInToString() {
        assertThat(client.toString()).doesNotContain(TOKEN).contains("with bearer token");
        assertThatThrownBy(() -> new PrometheusQueryClient(URI.create(base), "abc\ndef" + TOKEN, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(TOKEN)
                .hasMessageContaining("characters a token cannot have");
        for (String bad : List.of("a b" + TOKEN, TOKEN + "\u20ac", "\u00f6" + TOKEN)) {
            assertThatThrownBy(() -> new PrometheusQueryClient(URI.create(base), bad, TIMEOUT))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(TOKEN);
        }
        assertThatThrownBy(() -> new PrometheusQueryClient(URI.create("http://user:pw@127.0.0.1:9090"), TOKEN, TIMEOUT))
                .hasMessageNotContaining(TOKEN).hasMessageNotContaining("pw");
        assertThatThrownBy(() -> new PrometheusQueryClient(URI.create("prometheus:9090"), TOKEN, TIMEOUT))
                .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> new PrometheusQueryClient(URI.create(base + "?x=1"), TOKEN, TIMEOUT))
                .hasMessageContaining("query or fragment");
        assertThatThrownBy(() -> new PrometheusQueryClient(URI.create(base), TOKEN, Duration.ZERO))
                .hasMessageContaining("timeout");
    }

    @Test
    void unreachableWhenNothingListens() throws Exception {
        String closed = "http://127.0.0.1:" + TestTarget.closedPort();
        try (PrometheusQueryClient c = new PrometheusQueryClient(URI.create(closed + "/"), TOKEN, TIMEOUT)) {
            assertThat(c.instant("vector(1)").reason())
                    .isEqualTo("Prometheus at " + closed + " is unreachable: connection refused");
        }
        try (ResetServer reset = new ResetServer();
             PrometheusQueryClient c = new PrometheusQueryClient(URI.create(reset.baseUrl()), TOKEN, TIMEOUT)) {
            assertThat(c.instant("vector(1)").reason()).startsWith("Prometheus at " + reset.baseUrl() + " is unreachable: ")
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    @Timeout(20)
    void aSlowAnswerIsUnreachableAfterTheTimeout() {
        server.answer(Answer.json(200, vector(sample("{}", "1")))).hold(Hold.ANSWER);
        try (PrometheusQueryClient c = new PrometheusQueryClient(URI.create(base), TOKEN, SHORT)) {
            assertThat(c.instant("up").reason())
                    .isEqualTo("Prometheus at " + base + " is unreachable: no complete answer within 300ms");
        }
    }

    @Test
    @Timeout(20)
    void aBodyThatStallsIsCutAtTheTimeoutToo() {
        server.answer(Answer.json(200, vector(sample("{}", "1")))).hold(Hold.BODY);
        try (PrometheusQueryClient c = new PrometheusQueryClient(URI.create(base), TOKEN, SHORT)) {
            assertThat(c.instant("up").reason())
                    .isEqualTo("Prometheus at " + base + " is unreachable: no complete answer within 300ms");
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anEmptyQueryIsNotSent() {
        assertThat(client.instant(" ").reason()).isEqualTo("the PromQL query is empty");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void oneClientServesManyThreads() throws Exception {
        server.answer(r -> Answer.json(200, success("scalar", "[1,\"" + r.uri().getQuery().length() + "\"]")));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new ArrayList<java.util.concurrent.Future<MetricReading>>();
            for (int i = 0; i < 40; i++) {
                String q = "x".repeat(i + 1);
                futures.add(pool.submit(() -> client.instant(q)));
            }
            for (int i = 0; i < 40; i++) {
                assertThat(futures.get(i).get(20, java.util.concurrent.TimeUnit.SECONDS).value())
                        .isEqualTo("query=".length() + i + 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNotFoundHintsAtThePathPrefix() {
        assertThat(answer(Answer.of(404, "text/plain", "404 page not found"), "up").reason())
                .isEqualTo("Prometheus at " + base + " answered 404 (content-type text/plain): \"404 page not found\";"
                        + " is the URL, with any path prefix, the Prometheus server's?");
    }

    @Test
    void aClosedClientReadsNothing() {
        server.answer(Answer.json(200, success("scalar", "[1,\"1\"]")));
        client.close();
        MetricReading r = client.instant("up");
        assertThat(r.available()).isFalse();
        assertThat(r.reason()).isEqualTo("the client for Prometheus at " + base + " is closed");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aHugeAnswerIsCutAndExplained() {
        String one = sample("{\"pod\":\"p\"}", "1");
        int count = PrometheusQueryClient.MAX_BODY_BYTES / one.length() + 10;
        server.answer(Answer.json(200, vector(java.util.Collections.nCopies(count, one).toArray(String[]::new))));
        try (PrometheusQueryClient c = new PrometheusQueryClient(URI.create(base), null, Duration.ofSeconds(20))) {
            assertThat(c.instant("up").reason()).isEqualTo("Prometheus at " + base + " answered more than 8 MiB for one"
                    + " instant query; aggregate it, e.g. max(...), so it returns one series");
        }
    }
}
