package dev.crescendo.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crescendo.testing.CannedHttpServer;
import dev.crescendo.testing.CannedHttpServer.Answer;
import dev.crescendo.testing.PrometheusServer;
import dev.crescendo.testing.PrometheusServer.ScrapeTarget;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a real Prometheus (Debian's binary) that scrapes, every second, a loopback
 * exposition endpoint whose gauges and counter this test controls.
 */
class PrometheusQueryClientIT {
    static final String JOB = "crescendo-it";
    static volatile double mainActive = 7;
    static final AtomicLong scrapes = new AtomicLong();

    static CannedHttpServer endpoint;
    static PrometheusServer prometheus;
    static PrometheusQueryClient client;

    @BeforeAll
    static void start() throws Exception {
        PrometheusServer.requirePrometheus();
        endpoint = new CannedHttpServer().answer(r -> Answer.text("""
                # HELP crescendo_it_pool_active Active connections.
                # TYPE crescendo_it_pool_active gauge
                crescendo_it_pool_active{pool="main"} %s
                crescendo_it_pool_active{pool="batch"} 2
                # TYPE crescendo_it_pool_max gauge
                crescendo_it_pool_max{pool="main"} 10
                crescendo_it_pool_max{pool="batch"} 4
                # HELP crescendo_it_scrapes_total Scrapes answered.
                # TYPE crescendo_it_scrapes_total counter
                crescendo_it_scrapes_total %d
                """.formatted(mainActive, scrapes.incrementAndGet())));
        prometheus = PrometheusServer.start(ScrapeTarget.of(JOB, endpoint.url("/metrics"))).awaitTargetUp(JOB);
        client = new PrometheusQueryClient(prometheus.url(), "it-token-never-shown", Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200));
    }

    @Test
    void aScalar() {
        assertThat(client.instant("2 * 21")).isEqualTo(MetricReading.of(42));
        assertThat(client.instant("vector(1)")).as("the reachability check").isEqualTo(MetricReading.of(1));
    }

    @Test
    void aSingleSeriesIsTheServedGaugeValue() {
        String query = "crescendo_it_pool_active{pool=\"main\"}";
        eventually().until(() -> client.instant(query).value() == mainActive);
        mainActive = 9.5;
        eventually().until(() -> client.instant(query).value() == 9.5);
        assertThat(client.instant("max(crescendo_it_pool_active) / max(crescendo_it_pool_max)").value()).isEqualTo(0.95);
        eventually().until(() -> client.instant("rate(crescendo_it_scrapes_total[5s])").available());
        assertThat(client.instant("rate(crescendo_it_scrapes_total[5s])").value()).isPositive();
    }

    @Test
    void severalSeriesAreUnavailableUntilAggregated() {
        MetricReading r = client.instant("crescendo_it_pool_active");
        assertThat(r.available()).isFalse();
        assertThat(r.reason()).startsWith("query returned 2 series (e.g. crescendo_it_pool_active{")
                .contains("job=\"" + JOB + "\"")
                .endsWith("); aggregate it, e.g. max(...), so it returns one");
        assertThat(client.instant("sum(crescendo_it_pool_active{pool=\"batch\"})")).isEqualTo(MetricReading.of(2));
    }

    @Test
    void anEmptyResult() {
        assertThat(client.instant("crescendo_it_no_such_metric").reason()).isEqualTo("query returned no series");
        assertThat(client.instant("crescendo_it_pool_active > 1000").reason()).isEqualTo("query returned no series");
    }

    @Test
    void aParseErrorQuotesPrometheus() {
        MetricReading r = client.instant("max(crescendo_it_pool_active");
        assertThat(r.available()).isFalse();
        assertThat(r.reason()).startsWith("Prometheus at " + prometheus.url() + " rejected the query (400 bad_data): \"")
                .contains("parse error");
    }

    @Test
    void nanAndRangeVectorsAreNotValues() {
        assertThat(client.instant("0/0").reason()).startsWith("query returned NaN (scalar), not a usable value");
        assertThat(client.instant("crescendo_it_pool_max[1m]").reason()).startsWith("query returned a range vector (matrix)");
    }

    @Test
    void theScraperReadsWhatPrometheusReads() {
        try (ExpositionScraper scraper = new ExpositionScraper(Duration.ofSeconds(5))) {
            MetricReading scraped = scraper.read(endpoint.url("/metrics"), "crescendo_it_pool_active", "crescendo_it_pool_max",
                    Map.of("pool", "batch"), Aggregate.SUM);
            assertThat(scraped).isEqualTo(MetricReading.of(0.5));
            assertThat(client.instant("sum(crescendo_it_pool_active{pool=\"batch\"}) / sum(crescendo_it_pool_max{pool=\"batch\"})"))
                    .isEqualTo(scraped);
        }
    }

    @Test
    void prometheusGoneIsUnreachable() throws Exception {
        try (PrometheusServer own = PrometheusServer.start();
             PrometheusQueryClient c = new PrometheusQueryClient(URI.create(own.url() + "/"), null, Duration.ofSeconds(5))) {
            assertThat(c.instant("vector(1)")).isEqualTo(MetricReading.of(1));
            own.stop();
            assertThat(own.running()).isFalse();
            assertThat(c.instant("vector(1)").reason())
                    .isEqualTo("Prometheus at " + own.url() + " is unreachable: connection refused");
        }
    }
}
