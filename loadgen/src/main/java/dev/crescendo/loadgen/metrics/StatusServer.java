package dev.crescendo.loadgen.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The generator's own small HTTP endpoint: {@code /metrics} (Prometheus text format) for scrapes and
 * Grafana, {@code /snapshot} (JSON: totals and window percentiles) for the operator between scrapes,
 * {@code /healthz}. Served by one daemon thread so it never competes with the event loops.
 */
public final class StatusServer implements AutoCloseable {
    private final HttpServer server;

    public StatusServer(String bindAddress, int port, LoadgenMetrics metrics, Supplier<String> snapshotJson)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
        server.createContext("/metrics", ex -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            writer.write(out, metrics.registry().scrape());
            respond(ex, PrometheusTextFormatWriter.CONTENT_TYPE, out.toByteArray());
        });
        server.createContext("/snapshot", ex -> respond(ex, "application/json",
                snapshotJson.get().getBytes(StandardCharsets.UTF_8)));
        server.createContext("/healthz", ex -> respond(ex, "text/plain", "ok\n".getBytes(StandardCharsets.UTF_8)));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "crescendo-status");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, String contentType, byte[] body) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
