package dev.crescendo.demo.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: every meter in the Prometheus text format. */
public final class MetricsHandler {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsHandler(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public Response scrape(Request request) {
        return Response.text(200, CONTENT_TYPE, registry.scrape());
    }
}
