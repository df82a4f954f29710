package dev.crescendo.metrics;

import dev.crescendo.loadgen.config.Durations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * One GET with a deadline over the whole exchange (connect, headers and body: the JDK's request
 * timeout stops at the headers) and a cap on the body, for the metrics clients. Never follows
 * redirects, so a bearer token is only ever sent to the URL it was configured for.
 */
final class BoundedGet {
    /** What answered: status, headers, and the body up to the cap ({@code truncated} when cut). */
    record Response(int status, HttpHeaders headers, byte[] body, boolean truncated) {
        String contentType() {
            return headers.firstValue("Content-Type").orElse("none");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The exchange did not complete; {@code cause} is a short, token-free description. */
    static final class Failure extends Exception {
        Failure(String cause) {
            super(cause, null, false, false);
        }
    }

    private BoundedGet() {}

    static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static Response send(HttpClient http, HttpRequest request, Duration deadline, int maxBytes)
            throws Failure, InterruptedException {
        CompletableFuture<HttpResponse<Bounded>> future =
                http.sendAsync(request, info -> new BoundedSubscriber(maxBytes));
        try {
            HttpResponse<Bounded> response = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.headers(), response.body().bytes(),
                    response.body().truncated());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Failure("no complete answer within " + Durations.format(deadline));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new Failure(describe(e.getCause(), deadline));
        }
    }

    /** A transport failure in a few words, for a user: refused, timed out, unknown host, TLS, ... */
    static String describe(Throwable error, Duration deadline) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "the host name cannot be resolved";
            }
        }
        if (error instanceof HttpConnectTimeoutException) {
            return "no connection within " + Durations.format(deadline);
        }
        if (error instanceof HttpTimeoutException) {
            return "no complete answer within " + Durations.format(deadline);
        }
        if (error instanceof ConnectException) {
            String m = error.getMessage();
            return m == null || m.isBlank() || m.toLowerCase().contains("refused") ? "connection refused" : "cannot connect: " + m;
        }
        if (error instanceof SSLException) {
            return "TLS failed: " + error.getMessage();
        }
        if (error instanceof IOException) {
            String m = error.getMessage();
            return m == null || m.isBlank() ? "connection failed (" + error.getClass().getSimpleName() + ")"
                    : "connection failed: " + m;
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    /** {@code url} as shown to users: without any user:password part. */
    static String display(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "");
    }

    /** The first {@code max} characters of a body, on one line, with an ellipsis when cut. */
    static String snippet(String text, int max) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    record Bounded(byte[] bytes, boolean truncated) {}

    /** Collects at most {@code max} bytes, then cancels the rest of the body. */
    private static final class BoundedSubscriber implements HttpResponse.BodySubscriber<Bounded> {
        private final int max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<Bounded> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedSubscriber(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<Bounded> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int room = max - out.size();
                if (b.remaining() > room) {
                    byte[] part = new byte[room];
                    b.get(part);
                    out.writeBytes(part);
                    subscription.cancel();
                    result.complete(new Bounded(out.toByteArray(), true));
                    return;
                }
                byte[] all = new byte[b.remaining()];
                b.get(all);
                out.writeBytes(all);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(new Bounded(out.toByteArray(), false));
        }
    }
}
