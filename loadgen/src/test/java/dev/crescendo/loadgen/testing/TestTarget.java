package dev.crescendo.loadgen.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A real HTTP server on loopback whose behaviour the tests control: fixed statuses, delays, a chat
 * API that hands out message ids and rejects made-up cursors (report 000), malformed JSON, a body
 * that never finishes, and a stall switch that holds every response (like SIGSTOP on nginx).
 * It counts every request it receives per path, so tests can check the generator's counts exactly.
 */
public final class TestTarget implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, LongAdder> hits = new ConcurrentHashMap<>();
    private final Set<String> messageIds = ConcurrentHashMap.newKeySet();
    private final Set<String> badCursors = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextId = new AtomicLong();
    private volatile long stallUntilNanos;
    private volatile long rateLimitAfter = Long.MAX_VALUE;
    private volatile String acceptedToken = "";
    private final AtomicLong limitedSeen = new AtomicLong();

    public TestTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long hits(String path) {
        LongAdder a = hits.get(path);
        return a == null ? 0 : a.sum();
    }

    public long totalHits() {
        return hits.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Set<String> badCursors() {
        return badCursors;
    }

    public int messagesCreated() {
        return messageIds.size();
    }

    /** Every response (already received or arriving) waits until the stall ends. */
    public void stallFor(long millis) {
        stallUntilNanos = System.nanoTime() + millis * 1_000_000L;
    }

    /** {@code /limited} answers 200 to the first {@code requests}, then 429 to every one, like an API gateway's quota. */
    public void rateLimitAfter(long requests) {
        rateLimitAfter = requests;
    }

    /** {@code /auth} answers 200 to {@code Authorization: Bearer <token>}, else 401 echoing what it got. */
    public void acceptToken(String token) {
        acceptedToken = token;
    }

    /** A loopback port where nothing listens. */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new LongAdder()).increment();
            ex.getRequestBody().readAllBytes();
            long stall = stallUntilNanos - System.nanoTime();
            if (stall > 0) {
                sleep(stall / 1_000_000L);
            }
            String query = ex.getRequestURI().getQuery();
            switch (path) {
                case "/ok" -> send(ex, 200, "{\"status\":\"ok\"}");
                case "/health/degraded" -> send(ex, 200, "{\"status\":\"degraded\"}");
                case "/created" -> send(ex, 201, "{}");
                case "/not-found" -> send(ex, 404, "{\"error\":\"no such thing\"}");
                case "/too-many" -> send(ex, 429, "{\"error\":\"slow down\"}");
                case "/auth" -> {
                    // Accepts one token; a wrong one is echoed back, as careless APIs do (a secret must be redacted).
                    String auth = ex.getRequestHeaders().getFirst("Authorization");
                    if (("Bearer " + acceptedToken).equals(auth)) {
                        send(ex, 200, "{\"status\":\"ok\"}");
                    } else {
                        send(ex, 401, "{\"error\":\"invalid credentials: " + auth + "\"}");
                    }
                }
                case "/limited" -> {
                    if (limitedSeen.incrementAndGet() > rateLimitAfter) {
                        ex.getResponseHeaders().set("Retry-After", "1");
                        send(ex, 429, "{\"error\":\"rate limit exceeded: " + rateLimitAfter + " requests per API key\"}");
                    } else {
                        send(ex, 200, "{\"status\":\"ok\"}");
                    }
                }
                case "/unavailable" -> send(ex, 503, "{\"error\":\"backend unavailable\"}");
                case "/redirect" -> send(ex, 302, "");
                case "/malformed" -> send(ex, 200, "{\"message\": {\"id\": ");
                case "/delay" -> {
                    sleep(Long.parseLong(param(query, "ms")));
                    send(ex, 200, "{}");
                }
                case "/slow-body" -> slowBody(ex);
                case "/messages" -> messages(ex, query);
                default -> send(ex, 404, "{\"error\":\"unknown path " + path + "\"}");
            }
        }
    }

    private void messages(HttpExchange ex, String query) throws IOException {
        if (ex.getRequestMethod().equals("POST")) {
            String id = "m-" + nextId.incrementAndGet();
            messageIds.add(id);
            send(ex, 201, "{\"message\":{\"id\":\"" + id + "\",\"content\":\"hello\"}}");
            return;
        }
        String cursor = param(query, "cursor");
        if (cursor != null && !cursor.isEmpty() && !messageIds.contains(cursor)) {
            badCursors.add(cursor);
            send(ex, 400, "{\"error\":\"cursor must be a message id, got " + cursor + "\"}");
            return;
        }
        send(ex, 200, "{\"messages\":[]}");
    }

    private void slowBody(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(200, 1000);
        OutputStream out = ex.getResponseBody();
        out.write("{\"partial\":".getBytes(StandardCharsets.UTF_8));
        out.flush();
        sleep(3000); // longer than the tests' request timeout; the rest never comes in time
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // the server's simulated slowness, not a test waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
