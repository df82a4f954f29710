package dev.crescendo.loadgen.http;

import dev.crescendo.loadgen.engine.Outcome;

/** Receives the end of one request/response exchange, on the connection's event loop. */
public interface ExchangeListener {

    /** How many body bytes to keep for a response with this status (0: discard the body). */
    int captureLimit(int status);

    /** A complete response; {@code body} holds at most {@link #captureLimit(int)} bytes, decoded as UTF-8. */
    void onResponse(HttpConnection connection, int status, String body);

    /**
     * No complete response: transport error or timeout. The connection is closed and must not be reused.
     *
     * @param staleConnection the server closed a kept-alive connection just as the request went out
     *                        and sent nothing back: the request most likely never reached the
     *                        application, so an idempotent one may be sent again on a new connection
     *                        (as browsers and Go's HTTP client do)
     */
    void onFailure(Outcome outcome, String detail, boolean staleConnection);
}
