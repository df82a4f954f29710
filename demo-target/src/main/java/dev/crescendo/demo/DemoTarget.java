package dev.crescendo.demo;

import com.sun.net.httpserver.HttpServer;
import dev.crescendo.demo.http.ChatRoutes;
import dev.crescendo.demo.http.RequestArrivalClock;
import dev.crescendo.demo.http.Router;
import dev.crescendo.demo.store.Database;
import dev.crescendo.demo.store.MessageStore;
import dev.crescendo.demo.store.PoolSaturationClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small chat backend for load tests on loopback: JSON over HTTP/1.1 (JDK HTTP server, one virtual
 * thread per request), messages in an in-memory H2 database behind a real HikariCP pool, and Micrometer
 * metrics on {@code /metrics}. A small pool with a query cost saturates under load as a production
 * service's would: requests queue for connections, latency climbs, and past the pool timeout they get 503.
 */
public final class DemoTarget implements AutoCloseable {
    private static final int BACKLOG = 1024;

    private final DemoTargetOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Database database;
    private final PrometheusMeterRegistry registry;
    private final PoolSaturationClock saturation;
    private final RequestArrivalClock arrivals;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoTarget(DemoTargetOptions options, HttpServer server, ExecutorService executor, Database database,
            PrometheusMeterRegistry registry, PoolSaturationClock saturation, RequestArrivalClock arrivals) {
        this.options = options;
        this.server = server;
        this.executor = executor;
        this.database = database;
        this.registry = registry;
        this.saturation = saturation;
        this.arrivals = arrivals;
    }

    /** Starts the database, the pool and the HTTP server on 127.0.0.1. */
    public static DemoTarget start(DemoTargetOptions options) throws IOException, SQLException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PoolSaturationClock saturation = new PoolSaturationClock(Clock.systemUTC());
        RequestArrivalClock arrivals = new RequestArrivalClock(Clock.systemUTC());
        saturation.bindTo(registry);
        arrivals.bindTo(registry);
        Database database = null;
        ExecutorService executor = null;
        try {
            database = Database.start(options.poolSize(), options.poolTimeout(), registry, saturation);
            MessageStore store = new MessageStore(database, options.queryCost(), Clock.systemUTC());
            Router router = new Router(ChatRoutes.routes(store, database, registry), ChatRoutes.MONITORING, arrivals, registry);
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.port()), BACKLOG);
            server.createContext("/", router);
            executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            server.start();
            return new DemoTarget(options, server, executor, database, registry, saturation, arrivals);
        } catch (IOException | SQLException | RuntimeException e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            if (database != null) {
                database.close();
            }
            registry.close();
            throw e;
        }
    }

    public DemoTargetOptions options() {
        return options;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Makes the database unreachable ({@code true}) or reachable again ({@code false}): stops or restarts
     * the H2 TCP server the pool talks to, so pooled connections break and new ones are refused.
     */
    public void databaseDown(boolean down) throws SQLException {
        database.reachable(!down);
    }

    /** When pool saturation began (the first request that had to wait because every connection was busy). */
    public Optional<Instant> poolSaturatedSince() {
        return saturation.since();
    }

    /** When the last request arrived, scrapes of /metrics and health checks not counted. */
    public Optional<Instant> lastRequestAt() {
        return arrivals.last();
    }

    /** Stops the server, then closes the pool and drops the database. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        database.close();
        registry.close();
    }
}
