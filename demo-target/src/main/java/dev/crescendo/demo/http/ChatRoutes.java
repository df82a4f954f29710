package dev.crescendo.demo.http;

import dev.crescendo.demo.store.Database;
import dev.crescendo.demo.store.MessageStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Set;

/** The demo target's API, in one place. */
public final class ChatRoutes {
    public static final String MESSAGES = "/api/v1/conversations/{id}/messages";
    public static final String HEALTH = "/api/v1/health";
    public static final String METRICS = "/metrics";
    /** Polled by Prometheus and the operator, also after the load stopped. */
    public static final Set<String> MONITORING = Set.of(HEALTH, METRICS);

    private ChatRoutes() {}

    public static List<Route> routes(MessageStore store, Database database, PrometheusMeterRegistry registry) {
        MessagesHandler messages = new MessagesHandler(store);
        HealthHandler health = new HealthHandler(database);
        MetricsHandler metrics = new MetricsHandler(registry);
        return List.of(
                Route.of("POST", MESSAGES, messages::post),
                Route.of("GET", MESSAGES, messages::list),
                Route.of("GET", HEALTH, health::health),
                Route.of("GET", METRICS, metrics::scrape));
    }
}
