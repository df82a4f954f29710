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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ExpositionScraperTest {
    static final String SRC = "http://app:8080/metrics";
    static final String POOLS = """
            # HELP hikaricp_connections_active Active connections
            # TYPE hikaricp_connections_active gauge
            hikaricp_connections_active{pool="main",zone="a"} 8
            hikaricp_connections_active{pool="main",zone="b"} 6
            hikaricp_connections_active{pool="batch"} 1
            # TYPE hikaricp_connections_max gauge
            hikaricp_connections_max{pool="main",zone="a"} 10
            hikaricp_connections_max{pool="main",zone="b"} 10
            hikaricp_connections_max{pool="batch"} 2
            hikaricp_connections_pending{pool="main"} 0
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_bucket{le="0.1"} 3
            http_server_requests_seconds_bucket{le="+Inf"} 4
            http_server_requests_seconds_sum 0.9
            http_server_requests_seconds_count 4
            queue_depth{q="x"} NaN
            queue_depth{q="y"} 5
            overflow +Inf
            zero_total 0
            """;

    CannedHttpServer server;
    ExpositionScraper scraper;

    @BeforeEach
    void start() throws Exception {
        server = new CannedHttpServer();
        scraper = new ExpositionScraper(Duration.ofSeconds(5)); // generous: a busy machine never fails a test
    }

    @AfterEach
    void stop() {
        scraper.close();
        server.close();
    }

    static MetricReading eval(String metric, String ratioTo, Map<String, String> labels, Aggregate aggregate) {
        return ExpositionScraper.evaluate(POOLS, SRC, metric, ratioTo, labels, aggregate);
    }

    @Test
    void sumsEverySeriesByDefault() {
        assertThat(eval("hikaricp_connections_active", null, null, null)).isEqualTo(MetricReading.of(15));
        assertThat(eval("hikaricp_connections_active", null, Map.of(), Aggregate.SUM).value()).isEqualTo(15);
        assertThat(eval("http_server_requests_seconds_count", null, null, null).value()).isEqualTo(4);
        assertThat(eval("zero_total", null, null, null)).isEqualTo(MetricReading.of(0));
    }

    @Test
    void maxTakesTheLargest() {
        assertThat(eval("hikaricp_connections_active", null, null, Aggregate.MAX).value()).isEqualTo(8);
    }

    @Test
    void labelsAreExactMatchesAndAMissingLabelMatchesEmpty() {
        assertThat(eval("hikaricp_connections_active", null, Map.of("pool", "main"), null).value()).isEqualTo(14);
        assertThat(eval("hikaricp_connections_active", null, Map.of("pool", "main", "zone", "b"), null).value()).isEqualTo(6);
        assertThat(eval("hikaricp_connections_active", null, Map.of("zone", ""), null).value())
                .as("only the batch series lacks zone").isEqualTo(1);
        assertThat(eval("hikaricp_connections_active", null, Map.of("pool", "mai"), null).available()).isFalse();
        Map<String, String> nullValue = new java.util.HashMap<>();
        nullValue.put("zone", null);
        assertThat(eval("hikaricp_connections_active", null, nullValue, null).value()).as("null is \"\"").isEqualTo(1);
    }

    @Test
    void ratioOfTwoMetricsWithTheSameLabelsAndAggregate() {
        assertThat(eval("hikaricp_connections_active", "hikaricp_connections_max", null, null).value())
                .isEqualTo(15.0 / 22);
        assertThat(eval("hikaricp_connections_active", "hikaricp_connections_max", Map.of("pool", "main"), null).value())
                .isEqualTo(14.0 / 20);
        assertThat(eval("hikaricp_connections_active", "hikaricp_connections_max", null, Aggregate.MAX).value())
                .isEqualTo(0.8);
        assertThat(eval("hikaricp_connections_active", "hikaricp_connections_max", Map.of("pool", "batch"), null).value())
                .isEqualTo(0.5);
    }

    @Test
    void aZeroOrMissingDenominatorIsUnavailable() {
        MetricReading zero = eval("hikaricp_connections_active", "zero_total", null, null);
        assertThat(zero.available()).isFalse();
        assertThat(zero.reason()).contains("undefined").contains("zero_total is 0").contains(SRC);

        MetricReading missing = eval("hikaricp_connections_active", "hikaricp_connections_maximum", null, null);
        assertThat(missing.reason()).startsWith("ratioTo metric hikaricp_connections_maximum not found at " + SRC)
                .contains("hikaricp_connections_max");

        MetricReading noSeries = eval("hikaricp_connections_active", "hikaricp_connections_pending", Map.of("pool", "batch"), null);
        assertThat(noSeries.reason()).contains("hikaricp_connections_pending").contains("has no series with {pool=\"batch\"}");
    }

    @Test
    void aMissingMetricNamesSimilarOnesForTypos() {
        MetricReading r = eval("hikari_connections_active", null, null, null);
        assertThat(r.available()).isFalse();
        assertThat(r.reason()).isEqualTo("metric hikari_connections_active not found at " + SRC
                + " (similar metrics there: hikaricp_connections_active)");

        assertThat(eval("http_server_requests_seconds", null, null, null).reason())
                .as("a histogram's family name is not a series; its series are suggested")
                .contains("similar metrics there: http_server_requests_seconds_sum, http_server_requests_seconds_count, "
                        + "http_server_requests_seconds_bucket");

        assertThat(eval("completely_unrelated", null, null, null).reason())
                .isEqualTo("metric completely_unrelated not found at " + SRC + " (it exposes 9 other metrics)");
        assertThat(ExpositionScraper.evaluate("", SRC, "up", null, null, null).reason())
                .isEqualTo("metric up not found at " + SRC + " (it exposes 0 other metrics)");
    }

    @Test
    void noSeriesWithTheLabelsShowsSomeThatExist() {
        MetricReading r = eval("hikaricp_connections_active", null, Map.of("pool", "reports"), null);
        assertThat(r.reason()).isEqualTo("metric hikaricp_connections_active at " + SRC + " has no series with "
                + "{pool=\"reports\"} (it has 3 series, e.g. {pool=\"main\", zone=\"a\"}, {pool=\"main\", zone=\"b\"})");
    }

    @Test
    void nanAndInfinityAreNotValues() {
        assertThat(eval("queue_depth", null, null, Aggregate.SUM).reason())
                .isEqualTo("metric sum(queue_depth) over 2 series at " + SRC + " is NaN, not a usable value");
        assertThat(eval("queue_depth", null, null, Aggregate.MAX).value()).as("max skips NaN, as PromQL's").isEqualTo(5);
        assertThat(eval("queue_depth", null, Map.of("q", "x"), Aggregate.MAX).reason()).contains("is NaN");
        assertThat(eval("overflow", null, null, null).reason()).contains("overflow at " + SRC + " is +Inf");
        assertThat(eval("hikaricp_connections_active", "overflow", null, null).reason()).contains("the denominator is +Inf");
    }

    @Test
    void onlyMetricNamesAreAccepted() {
        assertThat(eval("rate(x[1m])", null, null, null).reason()).contains("'rate(x[1m])' is not a metric name");
        assertThat(eval("x", "max(y)", null, null).reason()).contains("'max(y)' is not a metric name");
    }

    @Test
    void aggregateParses() {
        assertThat(Aggregate.parse("sum")).isEqualTo(Aggregate.SUM);
        assertThat(Aggregate.parse("max")).isEqualTo(Aggregate.MAX);
        assertThat(Aggregate.parse("MAX")).isEqualTo(Aggregate.MAX);
        assertThat(Aggregate.parse(null)).isEqualTo(Aggregate.SUM);
        assertThat(Aggregate.parse("")).isEqualTo(Aggregate.SUM);
        assertThat(Aggregate.MAX).hasToString("max");
        assertThatThrownBy(() -> Aggregate.parse("avg")).hasMessage("aggregate must be sum or max, got 'avg'");
    }

    @Test
    void similarNamesAreTheClosestThree() {
        Set<String> names = Set.of("hikaricp_connections_active", "hikaricp_connections_idle", "hikaricp_connections",
                "hikaricp_connections_max", "hikaricp_connections_pending", "jvm_memory_used_bytes",
                "process_cpu_seconds_total");
        assertThat(ExpositionScraper.similar("hikari_connections_active", names))
                .containsExactly("hikaricp_connections_active");
        assertThat(ExpositionScraper.similar("hikaricp_connections_actve", names))
                .containsExactly("hikaricp_connections_active", "hikaricp_connections_idle", "hikaricp_connections_max");
        assertThat(ExpositionScraper.similar("hikaricp_connection", names)).as("at most three, closest first")
                .containsExactly("hikaricp_connections", "hikaricp_connections_max", "hikaricp_connections_idle");
        assertThat(ExpositionScraper.similar("connections_active", names)).containsExactly("hikaricp_connections_active");
        assertThat(ExpositionScraper.similar("jvm_memory_used", names)).containsExactly("jvm_memory_used_bytes");
        assertThat(ExpositionScraper.similar("zzz", names)).isEmpty();
        assertThat(ExpositionScraper.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void readsOverHttpAskingForTheTextFormat() {
        server.answer(Answer.text(POOLS));
        MetricReading r = scraper.read(server.url("/metrics"), "hikaricp_connections_active", "hikaricp_connections_max",
                Map.of("pool", "main"), Aggregate.MAX);
        assertThat(r).isEqualTo(MetricReading.of(0.8));
        assertThat(server.lastRequest().method()).isEqualTo("GET");
        assertThat(server.lastRequest().uri().getPath()).isEqualTo("/metrics");
        assertThat(server.lastRequest().header("Accept")).isEqualTo("text/plain;version=0.0.4");
        assertThat(scraper.read(server.url("/metrics"), "hikaricp_connections_max").value()).isEqualTo(22);
    }

    @Test
    void readsOpenMetricsAnswersToo() {
        server.answer(Answer.of(200, "application/openmetrics-text; version=1.0.0; charset=utf-8",
                "# TYPE x counter\nx_total 5\nx_created 1.7e9\n# EOF\n"));
        assertThat(scraper.read(server.url("/metrics"), "x_total").value()).isEqualTo(5);
    }

    @Test
    void aMissingMetricNamesTheUrl() {
        server.answer(Answer.text(POOLS));
        assertThat(scraper.read(server.url("/metrics"), "hikari_connections_active").reason())
                .startsWith("metric hikari_connections_active not found at " + server.url("/metrics") + " (similar");
    }

    @Test
    void anErrorStatusIsUnavailableWithTheStatusAndBody() {
        server.answer(Answer.of(404, "text/plain", "404 page not found"));
        assertThat(scraper.read(server.url("/metrcs"), "up").reason()).isEqualTo("metrics endpoint "
                + server.url("/metrcs") + " answered 404 (content-type text/plain): \"404 page not found\"");
        server.answer(Answer.of(503, null, ""));
        assertThat(scraper.read(server.url("/metrics"), "up").reason()).contains("answered 503");
    }

    @Test
    void somethingThatIsNotTheTextFormat() {
        server.answer(Answer.of(200, "text/html", "<!doctype html><html><body>Welcome</body></html>"));
        assertThat(scraper.read(server.url("/"), "up").reason()).isEqualTo("metrics endpoint " + server.url("/")
                + " did not answer in the Prometheus text format (content-type text/html): line 1: expected a metric"
                + " name: <!doctype html><html><body>Welcome</body></html>");
    }

    @Test
    void unreachableEndpoints() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + TestTarget.closedPort() + "/metrics");
        assertThat(scraper.read(closed, "up").reason())
                .isEqualTo("metrics endpoint " + closed + " is unreachable: connection refused");
        try (ResetServer reset = new ResetServer()) {
            assertThat(scraper.read(URI.create(reset.baseUrl() + "/metrics"), "up").reason())
                    .startsWith("metrics endpoint " + reset.baseUrl() + "/metrics is unreachable: ");
        }
        assertThat(scraper.read(URI.create("ftp://127.0.0.1/metrics"), "up").reason()).contains("not an absolute http(s) URL");
    }

    @Test
    @Timeout(20)
    void aSlowAnswerTimesOut() {
        server.answer(Answer.text(POOLS)).hold(Hold.ANSWER);
        try (ExpositionScraper quick = new ExpositionScraper(Duration.ofMillis(500))) {
            assertThat(quick.read(server.url("/metrics"), "zero_total").reason())
                    .isEqualTo("metrics endpoint " + server.url("/metrics") + " is unreachable: no complete answer within 500ms");
        }
    }

    @Test
    @Timeout(20)
    void aBodyThatStallsTimesOutToo() {
        server.answer(Answer.text(POOLS)).hold(Hold.BODY);
        try (ExpositionScraper quick = new ExpositionScraper(Duration.ofMillis(500))) {
            assertThat(quick.read(server.url("/metrics"), "zero_total").reason())
                    .contains("is unreachable: no complete answer within 500ms");
        }
    }

    @Test
    void theBodyIsBounded() {
        server.answer(Answer.text("big 1\n".repeat(1000)));
        try (ExpositionScraper small = new ExpositionScraper(Duration.ofSeconds(20), 1024)) {
            assertThat(small.read(server.url("/metrics"), "big").reason())
                    .isEqualTo("metrics endpoint " + server.url("/metrics") + " answered more than 1024 bytes; not read");
        }
        assertThat(scraper.read(server.url("/metrics"), "big").value()).isEqualTo(1000);
    }

    @Test
    void reusableFromManyThreads() throws Exception {
        server.answer(Answer.text(POOLS));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<MetricReading>>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> scraper.read(server.url("/metrics"), "hikaricp_connections_active")));
            }
            for (var f : futures) {
                assertThat(f.get(20, java.util.concurrent.TimeUnit.SECONDS).value()).isEqualTo(15);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedScraperReadsNothing() {
        server.answer(Answer.text(POOLS));
        scraper.close();
        assertThat(scraper.read(server.url("/metrics"), "zero_total").reason())
                .isEqualTo("the scraper is closed; " + server.url("/metrics") + " not read");
        assertThat(server.requests()).isEmpty();
    }
}
