package dev.janus.cri.streaming;

import dev.janus.cri.config.StreamingConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming server janusd runs beside its CRI socket: plain HTTP/1.1 on one address (loopback
 * by default), one event-loop thread of its own; the blocking work of each session runs on
 * threads of the session. RPCs register what a URL leads to and get the URL back.
 */
public final class StreamingServer implements AutoCloseable {

    static final String HTTP_CODEC = "http";
    static final String HTTP_AGGREGATOR = "http-aggregator";
    private static final Logger LOG = LoggerFactory.getLogger(StreamingServer.class);
    private static final int MAX_REQUEST = 64 * 1024;

    private final TokenRegistry tokens;
    private final EventLoopGroup group;
    private final Channel listener;
    private final String baseUrl;

    private StreamingServer(TokenRegistry tokens, EventLoopGroup group, Channel listener, String host) {
        this.tokens = tokens;
        this.group = group;
        this.listener = listener;
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        this.baseUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public static StreamingServer start(StreamingConfig config) throws InterruptedException {
        TokenRegistry tokens = new TokenRegistry(config.tokenTtl(), config.maxPendingTokens());
        ConnectionSettings settings = new ConnectionSettings(config.idleTimeout(), config.streamCreationTimeout());
        // NIO, not epoll: a forwarded socket (a JDK channel the handler connected) joins the
        // client connection's own event loop, which only an NIO loop can take
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("streaming", true),
                NioIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast(HTTP_CODEC, new HttpServerCodec())
                                    .addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_REQUEST))
                                    .addLast("entry", new HttpEntry(tokens, settings));
                            dropIfSilent(channel, settings);
                        }
                    })
                    .bind(config.address(), config.port()).sync().channel();
            StreamingServer server = new StreamingServer(tokens, group, listener, config.address());
            LOG.info("streaming server on {}", server.baseUrl);
            return server;
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** A connection that has not made its request within the stream creation timeout is dropped. */
    private static void dropIfSilent(SocketChannel channel, ConnectionSettings settings) {
        channel.eventLoop().schedule(() -> {
            if (channel.pipeline().get("entry") != null) {
                channel.close();
            }
        }, settings.streamCreationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Registers {@code target} under a fresh token and returns the URL that leads to it. */
    String url(StreamTarget target) {
        return baseUrl + "/" + target.kind() + "/" + tokens.register(target);
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
