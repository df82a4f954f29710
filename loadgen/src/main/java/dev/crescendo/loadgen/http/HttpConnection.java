package dev.crescendo.loadgen.http;

import dev.crescendo.loadgen.engine.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
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
    private ExchangeListener listener;
    private ScheduledFuture<?> timeoutTask;
    private long timeoutNanos;
    private int status;
    private boolean keepAlive;
    private int captureLimit;
    private byte[] captured = new byte[256];
    private int capturedLength;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    public boolean isUsable() {
        return listener == null && channel.isActive();
    }

    public Channel channel() {
        return channel;
    }

    /** Sends {@code request} (ownership passes to the connection) and reports to {@code listener}. */
    public void send(FullHttpRequest request, ExchangeListener listener, long timeoutNanos) {
        this.listener = listener;
        this.timeoutNanos = timeoutNanos;
        status = 0;
        capturedLength = 0;
        captureLimit = 0;
        timeoutTask = channel.eventLoop().schedule(this::onTimeout, timeoutNanos, TimeUnit.NANOSECONDS);
        channel.writeAndFlush(request, channel.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (listener == null) {
                return; // late data for an exchange that already timed out; the channel is closing
            }
            if (msg instanceof HttpObject obj && obj.decoderResult().isFailure()) {
                fail(Outcome.CONNECT_ERROR, "malformed HTTP response: " + obj.decoderResult().cause().getMessage());
                return;
            }
            if (msg instanceof HttpResponse response) {
                status = response.status().code();
                keepAlive = HttpUtil.isKeepAlive(response);
                captureLimit = listener.captureLimit(status);
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
        timeoutTask.cancel(false);
        if (!keepAlive) {
            channel.close();
        }
        String body = capturedLength == 0 ? "" : new String(captured, 0, capturedLength, StandardCharsets.UTF_8);
        if (captured.length > 64 * 1024) {
            captured = new byte[256]; // do not pin a large body buffer per idle connection
        }
        done.onResponse(this, status, body);
    }

    private void onTimeout() {
        if (listener != null) {
            fail(Outcome.TIMEOUT, "no complete response within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + "ms");
        }
    }

    private void fail(Outcome outcome, String detail) {
        ExchangeListener done = listener;
        listener = null;
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
        channel.close();
        if (done != null) {
            done.onFailure(outcome, detail);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (listener != null) {
            fail(Outcome.CONNECT_ERROR, status == 0 ? "connection closed before a response"
                    : "connection closed before the response was complete");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (listener != null) {
            fail(TransportErrors.classify(cause), TransportErrors.describe(cause));
        } else {
            channel.close();
        }
    }
}
