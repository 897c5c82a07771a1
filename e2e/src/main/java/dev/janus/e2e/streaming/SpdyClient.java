package dev.janus.e2e.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SPDY/3.1 client as client-go's is: an HTTP/1.1 request with {@code Upgrade: SPDY/3.1} and
 * the subprotocols in {@code X-Stream-Protocol-Version}, then streams the client opens (odd
 * ids), each waiting for the server's SYN_REPLY. No flow control, as spdystream has none.
 */
public final class SpdyClient implements AutoCloseable {

    private final Channel channel;
    private final String protocol;
    private final ReadPause pause;
    private final Map<Integer, SpdyClientStream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    private SpdyClient(Channel channel, String protocol, ReadPause pause) {
        this.channel = channel;
        this.protocol = protocol;
        this.pause = pause;
    }

    public static SpdyClient connect(String url, List<String> protocols) throws IOException {
        URI uri = URI.create(url);
        CompletableFuture<FullHttpResponse> answer = new CompletableFuture<>();
        ReadPause pause = new ReadPause();
        Channel channel = ClientLoop.bootstrap().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("http", new HttpClientCodec()).addLast("aggregator", new HttpObjectAggregator(1 << 16))
                        .addLast("upgrade", new SimpleChannelInboundHandler<FullHttpResponse>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                                answer.complete(response.retainedDuplicate());
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                answer.completeExceptionally(new IOException("connection closed during the upgrade"));
                            }
                        });
            }
        }).connect(uri.getHost(), uri.getPort()).syncUninterruptibly().channel();
        pause.bind(channel);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), Unpooled.EMPTY_BUFFER);
        request.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + uri.getPort())
                .set(HttpHeaderNames.CONNECTION, "Upgrade").set(HttpHeaderNames.UPGRADE, "SPDY/3.1")
                .set(HttpHeaderNames.CONTENT_LENGTH, 0);
        protocols.forEach(p -> request.headers().add("X-Stream-Protocol-Version", p));
        SpdyClient[] client = new SpdyClient[1];
        // switch to SPDY on the event loop, before anything else is read
        CompletableFuture<FullHttpResponse> switched = answer.thenApplyAsync(response -> {
            if (response.status().code() == 101) {
                client[0] = new SpdyClient(channel, response.headers().get("X-Stream-Protocol-Version", ""), pause);
                var pipeline = channel.pipeline();
                pipeline.addAfter("http", "spdy", new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
                pipeline.addAfter("spdy", "session", client[0].new Session());
                pipeline.remove("upgrade");
                pipeline.remove("aggregator");
                pipeline.remove("http");
            }
            return response;
        }, channel.eventLoop());
        channel.writeAndFlush(request);
        FullHttpResponse response;
        try {
            response = switched.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            channel.close();
            throw new IOException("SPDY upgrade of " + url + " failed", e);
        }
        try {
            if (response.status().code() != 101) {
                channel.close();
                throw new UpgradeFailedException(response.status().code(), response.content().toString(StandardCharsets.UTF_8));
            }
            return client[0];
        } finally {
            response.release();
        }
    }

    /** The subprotocol the server chose. */
    public String protocol() {
        return protocol;
    }

    /** Opens a stream with these headers and waits for the server's reply. */
    public SpdyClientStream open(Map<String, String> headers) throws IOException {
        SpdyClientStream stream;
        synchronized (this) { // stream ids must reach the server in increasing order
            int id = nextId.getAndAdd(2);
            stream = new SpdyClientStream(id, channel, new InboundBytes(pause));
            streams.put(id, stream);
            DefaultSpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
            headers.forEach((name, value) -> syn.headers().set(name.toLowerCase(java.util.Locale.ROOT), value));
            channel.writeAndFlush(syn);
        }
        stream.awaitReply();
        return stream;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Resolves when the server closed the connection. */
    public CompletableFuture<Void> closed() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> closed.complete(null));
        return closed;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Frames from the server, on the event loop. */
    private final class Session extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                switch (msg) {
                    case SpdySynReplyFrame reply -> stream(reply.streamId(), s -> s.replied());
                    case SpdyDataFrame data -> stream(data.streamId(), s -> {
                        if (data.content().isReadable()) {
                            s.input().offer(data.content());
                        }
                        if (data.isLast()) {
                            s.input().end();
                        }
                    });
                    case SpdyRstStreamFrame rst -> stream(rst.streamId(), SpdyClientStream::wasReset);
                    default -> { }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void stream(int id, java.util.function.Consumer<SpdyClientStream> action) {
            SpdyClientStream stream = streams.get(id);
            if (stream != null) {
                action.accept(stream);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            streams.values().forEach(SpdyClientStream::wasReset);
        }
    }

    static ByteBuf bytes(byte[] data) {
        return Unpooled.wrappedBuffer(data);
    }
}
