package dev.crescendo.loadgen.http;

import dev.crescendo.loadgen.engine.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive HTTP/1.1 connection carrying one exchange at a time (no pipelining), like a
 * wrk connection. All methods run on the channel's event loop.
 */
public final class HttpConnection extends ChannelInboundHandlerAdapter {
    private Channel channel;
    private ResponseDecoder decoder;
    private ExchangeListener listener;
    /** One timer per connection, re-armed lazily: cheaper than scheduling and cancelling per request. */
    private ScheduledFuture<?> timeoutTask;
    private long timeoutNanos;
    private long deadlineNanos;
    private long timerDeadlineNanos;
    private boolean informational;
    private boolean receivedAny;
    private long completedExchanges;
    private int status;
    private boolean keepAlive;
    private int captureLimit;
    private byte[] captured = new byte[256];
    private int capturedLength;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        decoder = ctx.pipeline().get(ResponseDecoder.class);
    }

    public boolean isUsable() {
        return listener == null && channel.isActive();
    }

    public Channel channel() {
        return channel;
    }

    /**
     * Sends the encoded {@code request} (ownership passes to the connection) and reports to
     * {@code listener}. {@code head}: the request is a HEAD, so the response has no body.
     */
    public void send(ByteBuf request, boolean head, ExchangeListener listener, long timeoutNanos) {
        this.listener = listener;
        this.timeoutNanos = timeoutNanos;
        this.deadlineNanos = System.nanoTime() + timeoutNanos;
        status = 0;
        capturedLength = 0;
        captureLimit = 0;
        informational = false;
        receivedAny = false;
        decoder.expectResponseTo(head);
        if (timeoutTask != null && timerDeadlineNanos > deadlineNanos) {
            timeoutTask.cancel(false); // armed for a longer timeout than this request's
            timeoutTask = null;
        }
        if (timeoutTask == null) {
            armTimer(timeoutNanos);
        }
        channel.writeAndFlush(request, channel.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (listener == null) {
                return; // late data for an exchange that already timed out; the channel is closing
            }
            receivedAny = true;
            if (msg instanceof HttpObject obj && obj.decoderResult().isFailure()) {
                fail(Outcome.CONNECT_ERROR, "malformed HTTP response: " + obj.decoderResult().cause().getMessage());
                return;
            }
            if (msg instanceof HttpResponse response) {
                status = response.status().code();
                // 1xx (100 Continue, 103 Early Hints) precede the real response: skip them.
                informational = status >= 100 && status < 200 && status != 101;
                keepAlive = HttpUtil.isKeepAlive(response);
                captureLimit = informational ? 0 : listener.captureLimit(status);
            }
            if (informational) {
                informational = !(msg instanceof LastHttpContent);
                return;
            }
            if (msg instanceof HttpContent content) {
                capture(content.content());
                if (msg instanceof LastHttpContent) {
                    complete();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void capture(ByteBuf content) {
        int take = Math.min(content.readableBytes(), captureLimit - capturedLength);
        if (take <= 0) {
            return;
        }
        if (capturedLength + take > captured.length) {
            captured = java.util.Arrays.copyOf(captured, Math.max(captured.length * 2, capturedLength + take));
        }
        content.getBytes(content.readerIndex(), captured, capturedLength, take);
        capturedLength += take;
    }

    private void complete() {
        ExchangeListener done = listener;
        listener = null;
        completedExchanges++;
        if (!keepAlive) {
            channel.close();
        }
        String body = capturedLength == 0 ? "" : new String(captured, 0, capturedLength, StandardCharsets.UTF_8);
        if (captured.length > 64 * 1024) {
            captured = new byte[256]; // do not pin a large body buffer per idle connection
        }
        done.onResponse(this, status, body);
    }

    private void armTimer(long delayNanos) {
        timerDeadlineNanos = System.nanoTime() + delayNanos;
        timeoutTask = channel.eventLoop().schedule(this::checkTimeout, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkTimeout() {
        timeoutTask = null;
        if (listener == null || !channel.isOpen()) {
            return; // idle: the next send arms the timer again
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            armTimer(left);
            return;
        }
        fail(Outcome.TIMEOUT, "no complete response within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + "ms");
    }

    private void fail(Outcome outcome, String detail) {
        fail(outcome, detail, false);
    }

    private void fail(Outcome outcome, String detail, boolean stale) {
        ExchangeListener done = listener;
        listener = null;
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
            timeoutTask = null;
        }
        channel.close();
        if (done != null) {
            done.onFailure(outcome, detail, stale);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (listener != null) {
            fail(Outcome.CONNECT_ERROR, status == 0 ? "connection closed before a response"
                    : "connection closed before the response was complete", completedExchanges > 0 && !receivedAny);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (listener != null) {
            // A reset on a reused connection before any reply is the same race as a close.
            fail(TransportErrors.classify(cause), TransportErrors.describe(cause), completedExchanges > 0 && !receivedAny
                    && cause instanceof java.io.IOException);
        } else {
            channel.close();
        }
    }
}
