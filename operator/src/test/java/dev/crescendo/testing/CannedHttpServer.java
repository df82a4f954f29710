package dev.crescendo.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 that answers what the test says (a canned Prometheus API answer,
 * an exposition page, nonsense, an error), records every request, and can hold its answers (or the
 * rest of a body) until {@link #release()} or {@link #close()} to play a server slower than a timeout.
 * Held answers wait at most 30 s, so nothing hangs.
 */
public final class CannedHttpServer implements AutoCloseable {
    /** What to answer; {@code headers} are extra response headers. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {
        public static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, body, Map.of());
        }

        public static Answer json(int status, String body) {
            return of(status, "application/json", body);
        }

        public static Answer text(String body) {
            return of(200, "text/plain; version=0.0.4; charset=utf-8", body);
        }
    }

    /** One request received. */
    public record Request(String method, URI uri, Headers headers) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    public enum Hold { NONE, ANSWER, BODY }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Function<Request, Answer> answers = r -> Answer.of(404, "text/plain", "no answer set");
    private volatile Hold hold = Hold.NONE;

    public CannedHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} + path. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public CannedHttpServer answer(Answer answer) {
        this.answers = r -> answer;
        return this;
    }

    public CannedHttpServer answer(Function<Request, Answer> answers) {
        this.answers = answers;
        return this;
    }

    /** ANSWER: nothing is sent until released; BODY: status, headers and the first bytes, then the rest waits. */
    public CannedHttpServer hold(Hold hold) {
        this.hold = hold;
        return this;
    }

    public void release() {
        released.countDown();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request lastRequest() {
        return requests.isEmpty() ? null : requests.get(requests.size() - 1);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Request request = new Request(ex.getRequestMethod(), ex.getRequestURI(), ex.getRequestHeaders());
            requests.add(request);
            ex.getRequestBody().readAllBytes();
            Hold h = hold;
            if (h == Hold.ANSWER) {
                await();
            }
            Answer a = answers.apply(request);
            byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
            if (a.contentType() != null) {
                ex.getResponseHeaders().set("Content-Type", a.contentType());
            }
            a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            if (h == Hold.BODY) {
                ex.sendResponseHeaders(a.status(), 0); // chunked
                OutputStream out = ex.getResponseBody();
                int first = Math.min(8, body.length);
                out.write(body, 0, first);
                out.flush();
                await();
                out.write(body, first, body.length - first);
                return;
            }
            ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
        } catch (IOException e) {
            // the client went away (a timeout being tested): nothing to answer
        }
    }

    private void await() {
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
