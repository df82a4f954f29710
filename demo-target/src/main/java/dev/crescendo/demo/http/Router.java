package dev.crescendo.demo.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the HTTP server: finds the route, answers 404/405/400/500 as JSON, and times
 * every request into {@code http_server_requests_seconds} by method, route template and status.
 */
public final class Router implements HttpHandler {
    public static final String REQUEST_TIMER = "http.server.requests";
    /** The {@code uri} label of requests that matched no route (their paths would be unbounded labels). */
    public static final String NOT_FOUND_URI = "NOT_FOUND";
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(Router.class);
    // Latency buckets for PromQL's histogram_quantile, from a quick lookup to a request stuck in the pool queue.
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final List<Route> routes;
    private final Set<String> monitoringPaths;
    private final RequestArrivalClock arrivals;
    private final MeterRegistry registry;

    /**
     * @param monitoringPaths paths polled by monitors (scrapes, health checks), which go on after the
     *                        load stops and so do not count as request arrivals
     */
    public Router(List<Route> routes, Set<String> monitoringPaths, RequestArrivalClock arrivals, MeterRegistry registry) {
        this.routes = List.copyOf(routes);
        this.monitoringPaths = Set.copyOf(monitoringPaths);
        this.arrivals = arrivals;
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (!monitoringPaths.contains(path)) {
            arrivals.arrived();
        }
        String uri = NOT_FOUND_URI;
        Response response;
        try {
            Match match = match(method, path);
            uri = match.route() != null ? match.route().template() : match.template();
            response = match.route() != null ? call(match, exchange)
                    : match.allowed().isEmpty() ? Response.error(404, "no such resource: " + method + " " + path)
                    : Response.error(405, "method " + method + " is not allowed on " + match.template()
                            + "; allowed: " + String.join(", ", match.allowed())).withHeader("Allow", String.join(", ", match.allowed()));
        } catch (ApiException e) {
            response = Response.error(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("{} {} failed", method, path, e);
            response = Response.error(500, "internal error: " + e);
        }
        try {
            send(exchange, response);
        } finally {
            Timer.builder(REQUEST_TIMER)
                    .description("HTTP requests by method, route template and status")
                    .tags("method", method, "uri", uri, "status", Integer.toString(response.status()))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Response call(Match match, HttpExchange exchange) throws ApiException, IOException {
        Route route = match.route();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < route.parameterNames().size(); i++) {
            parameters.put(route.parameterNames().get(i), decodeSegment(match.matcher().group(i + 1)));
        }
        QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
        byte[] body = readBody(exchange.getRequestBody());
        return route.handler().handle(new Request(exchange.getRequestMethod(), match.matcher().group(), Map.copyOf(parameters), query, body));
    }

    /** The route for this method and path; else the methods its path allows (empty: no such path). */
    private Match match(String method, String path) {
        Set<String> allowed = new TreeSet<>();
        String template = NOT_FOUND_URI;
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (m.matches()) {
                if (route.method().equals(method)) {
                    return new Match(route, m, route.template(), Set.of());
                }
                allowed.add(route.method());
                template = route.template();
            }
        }
        return new Match(null, null, template, allowed);
    }

    private record Match(Route route, Matcher matcher, String template, Set<String> allowed) {}

    private static String decodeSegment(String raw) throws ApiException {
        try {
            // A '+' in a path is a plus sign, not a space as in a query string.
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("path segment is not valid percent-encoding: '" + raw + "'");
        }
    }

    private static byte[] readBody(InputStream in) throws IOException, ApiException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        try (exchange) {
            // Whatever the handler did not read must go, or the kept-alive connection cannot be reused.
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
