package dev.crescendo.loadgen.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLException;

/**
 * Netty event loops and connection setup for one target. Native epoll on Linux (measured faster
 * than NIO for this pattern), NIO elsewhere. One event loop per core unless told otherwise.
 */
public final class Transport implements AutoCloseable {
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final ChannelGroup channels = new DefaultChannelGroup("crescendo-connections", GlobalEventExecutor.INSTANCE);
    private final List<EventLoop> loops = new ArrayList<>();
    private final InetSocketAddress address;

    public Transport(TargetAddress target, Duration connectTimeout, int threads) {
        boolean epoll = Epoll.isAvailable();
        var factory = new DefaultThreadFactory("crescendo-loop", true);
        group = epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
        group.forEach(e -> loops.add((EventLoop) e));
        SslContext ssl = target.tls() ? sslContext() : null;
        address = InetSocketAddress.createUnresolved(target.host(), target.port());
        bootstrap = new Bootstrap()
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), target.host(), target.port()));
                        }
                        ch.pipeline().addLast(new ResponseDecoder());
                        ch.pipeline().addLast(new HttpConnection());
                        channels.add(ch);
                    }
                });
    }

    private static SslContext sslContext() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    public List<EventLoop> loops() {
        return loops;
    }

    /**
     * Opens a connection on {@code loop}; calls back on that loop with the connection, or with the
     * failure (then the connection is null).
     */
    public void connect(EventLoop loop, BiConsumer<HttpConnection, Throwable> callback) {
        ChannelFuture f = bootstrap.clone(loop).connect(resolved());
        f.addListener(done -> {
            if (done.isSuccess()) {
                Channel ch = f.channel();
                callback.accept(ch.pipeline().get(HttpConnection.class), null);
            } else {
                callback.accept(null, done.cause());
            }
        });
    }

    private InetSocketAddress resolved() {
        // Looked up per connection, so new addresses behind a name (a Service's endpoints) are used;
        // the JDK caches lookups (30 s by default), so this is cheap after the first.
        return new InetSocketAddress(address.getHostString(), address.getPort());
    }

    /**
     * Sends {@code request} on {@code reusable} when it is still usable, else on a new connection
     * from {@code loop}. A connection that cannot be opened is reported to {@code listener} as a
     * failure (and the request released).
     */
    public void exchange(EventLoop loop, HttpConnection reusable, ByteBuf request, boolean head,
                         ExchangeListener listener, long timeoutNanos) {
        if (reusable != null && reusable.isUsable()) {
            reusable.send(request, head, listener, timeoutNanos);
            return;
        }
        connect(loop, (opened, error) -> {
            if (opened == null) {
                request.release();
                listener.onFailure(TransportErrors.classify(error), TransportErrors.describe(error), false);
            } else {
                opened.send(request, head, listener, timeoutNanos);
            }
        });
    }

    /** Closes every connection now (stop / abort): in-flight exchanges end as interrupted. */
    public void closeAllConnections() {
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        closeAllConnections();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
