package dev.crescendo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The point of the demo target: a small pool with a slow query saturates under 20 concurrent clients,
 * visibly in HikariCP's own metrics, in latency, and past the pool timeout in 503s.
 */
class PoolSaturationIT {
    private static final int CLIENTS = 20;
    private static final Duration QUERY_COST = Duration.ofMillis(50);
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);
    private static final String POOL = "pool=\"demo\"";

    @Test
    void aSmallPoolSaturatesAndIsClearlySlowerThanABigOne() throws Exception {
        Instant began = Instant.now();
        List<LoadDriver.Sample> small;
        try (DemoTarget target = DemoTarget.start(DemoTargetOptions.defaults().withPoolSize(2).withQueryCost(QUERY_COST));
                LoadDriver load = LoadDriver.start(target.baseUrl(), CLIENTS, 8, TIME_LIMIT)) {
            DemoClient monitor = new DemoClient(target.baseUrl());
            // 20 clients, 2 connections held 50 ms each: requests queue for connections while the load runs.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                Scrape s = monitor.scrape();
                assertThat(s.value("hikaricp_connections_pending", POOL)).isPositive();
                assertThat(s.value("hikaricp_connections_active", POOL)).isEqualTo(s.value("hikaricp_connections_max", POOL));
            });
            small = load.results();

            Scrape after = monitor.scrape();
            double saturatedSince = after.value("demo_pool_saturated_since_timestamp_seconds");
            assertThat(saturatedSince).isBetween(began.toEpochMilli() / 1000.0, Instant.now().toEpochMilli() / 1000.0);
            assertThat(target.poolSaturatedSince()).hasValueSatisfying(t -> assertThat(t.toEpochMilli() / 1000.0).isEqualTo(saturatedSince));
            assertThat(after.value("demo_last_request_timestamp_seconds")).isGreaterThanOrEqualTo(saturatedSince);
            assertThat(after.value("hikaricp_connections_acquire_seconds_max", POOL)).isGreaterThan(0.1);
        }
        assertThat(small).hasSize(CLIENTS * 8).allSatisfy(s -> assertThat(s.status()).as(s.body()).isEqualTo(201));

        List<LoadDriver.Sample> big;
        try (DemoTarget target = DemoTarget.start(DemoTargetOptions.defaults().withPoolSize(CLIENTS).withQueryCost(QUERY_COST));
                LoadDriver load = LoadDriver.start(target.baseUrl(), CLIENTS, 8, TIME_LIMIT)) {
            big = load.results();
            // One connection per client: nobody ever waits because all are busy.
            assertThat(target.poolSaturatedSince()).isEmpty();
            assertThat(new DemoClient(target.baseUrl()).scrape().value("demo_pool_saturated_since_timestamp_seconds")).isZero();
        }
        assertThat(big).hasSize(CLIENTS * 8).allSatisfy(s -> assertThat(s.status()).as(s.body()).isEqualTo(201));

        long smallMedian = LoadDriver.medianMillis(small);
        long bigMedian = LoadDriver.medianMillis(big);
        // Queueing: ~10 requests ahead of each on 2 connections (~500 ms) against ~50 ms without a queue.
        assertThat(smallMedian).as("median ms, pool 2 vs pool 20 (%d ms)", bigMedian).isGreaterThan(3 * bigMedian);
        assertThat(smallMedian).isGreaterThan(4 * QUERY_COST.toMillis());
    }

    @Test
    void pastThePoolTimeoutRequestsGet503PoolExhausted() throws Exception {
        DemoTargetOptions options = DemoTargetOptions.defaults().withPoolSize(2).withQueryCost(Duration.ofMillis(100))
                .withPoolTimeout(Duration.ofMillis(250));
        try (DemoTarget target = DemoTarget.start(options);
                LoadDriver load = LoadDriver.start(target.baseUrl(), CLIENTS, 5, TIME_LIMIT)) {
            // ~9 requests ahead of each on 2 connections of 100 ms: far more than the 250 ms a request may wait.
            List<LoadDriver.Sample> samples = load.results();
            List<LoadDriver.Sample> exhausted = samples.stream().filter(s -> s.status() == 503).toList();
            assertThat(exhausted).isNotEmpty();
            assertThat(samples).anySatisfy(s -> assertThat(s.status()).isEqualTo(201));
            assertThat(samples).allSatisfy(s -> assertThat(s.status()).isIn(201, 503));
            assertThat(exhausted).allSatisfy(s -> assertThat(s.body())
                    .startsWith("{\"error\":\"database connection pool exhausted: ")
                    .containsPattern("request timed out after \\d+ms"));

            Scrape scrape = new DemoClient(target.baseUrl()).scrape();
            assertThat(scrape.value("hikaricp_connections_timeout_total", POOL)).isEqualTo(exhausted.size());
            assertThat(scrape.value("http_server_requests_seconds_count", "method=\"POST\"", "status=\"503\"")).isEqualTo(exhausted.size());
        }
    }
}
