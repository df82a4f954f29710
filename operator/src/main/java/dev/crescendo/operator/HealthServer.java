package dev.crescendo.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The operator's one HTTP port: {@code /metrics} (JOSDK's and Crescendo's metrics, Prometheus
 * text), {@code /healthz} (liveness: fails when a started operator's informers are unhealthy) and
 * {@code /readyz} (readiness: the process has started; a standby replica waiting for the Lease is
 * ready too — it just does not reconcile — or a rolling update would wait forever for the old
 * leader to go).
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    /** @param ready true once the process has started (leader or standby: readiness never waits for the Lease) */
    public HealthServer(int port, PrometheusMeterRegistry registry, Operator operator, java.util.function.BooleanSupplier ready)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 16);
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext("/healthz", ex -> {
            var info = operator.getRuntimeInfo();
            boolean healthy = !info.isStarted() || info.allEventSourcesAreHealthy();
            respond(ex, healthy ? 200 : 503, "text/plain", healthy ? "ok\n"
                    : "unhealthy event sources: " + info.unhealthyEventSources().keySet() + "\n");
        });
        server.createContext("/readyz", ex -> {
            boolean up = ready.getAsBoolean();
            respond(ex, up ? 200 : 503, "text/plain", up ? "ready\n" : "starting\n");
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "crescendo-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
