package dev.janus.e2e.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client of Kubernetes' channel protocols: binary messages whose first byte is the
 * channel, or, with a base64 subprotocol, text messages with the channel as a digit and the
 * bytes in base64. Each channel's bytes land in its own {@link InboundBytes}; all end when the
 * connection does.
 */
public final class WebSocketClient implements AutoCloseable {

    private static final int MAX_MESSAGE = 1 << 20;

    private final Channel channel;
    private final ReadPause pause;
    private final Map<Integer, InboundBytes> channels = new ConcurrentHashMap<>();
    private volatile String protocol;
    private volatile boolean base64;
    private volatile boolean ended;

    private WebSocketClient(Channel channel, ReadPause pause) {
        this.channel = channel;
        this.pause = pause;
    }

    public static WebSocketClient connect(String url, List<String> protocols) throws IOException {
        URI uri = URI.create(url.replaceFirst("^http", "ws"));
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13,
                protocols.isEmpty() ? null : String.join(",", protocols), false, new DefaultHttpHeaders(), MAX_MESSAGE);
        CompletableFuture<Void> handshaken = new CompletableFuture<>();
        ReadPause pause = new ReadPause();
        WebSocketClient[] client = new WebSocketClient[1];
        Channel channel = ClientLoop.bootstrap().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                client[0] = new WebSocketClient(ch, pause);
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16))
                        .addLast(client[0].new Frames(handshaker, handshaken));
            }
        }).connect(uri.getHost(), uri.getPort()).syncUninterruptibly().channel();
        pause.bind(channel);
        // On the event loop: the handshake adds the frame encoder when its request is written, and
        // from another thread that could come after the reply, so a first send would skip the encoder.
        channel.eventLoop().execute(() -> handshaker.handshake(channel));
        try {
            handshaken.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            channel.close();
            if (e.getCause() instanceof UpgradeFailedException refused) {
                throw refused;
            }
            throw new IOException("WebSocket handshake with " + url + " failed", e);
        }
        client[0].protocol = handshaker.actualSubprotocol() == null ? "" : handshaker.actualSubprotocol();
        client[0].base64 = client[0].protocol.contains("base64");
        return client[0];
    }

    public String protocol() {
        return protocol;
    }

    /** What the server sent on {@code number}. */
    public InboundBytes channel(int number) {
        return channels.computeIfAbsent(number, n -> {
            InboundBytes bytes = new InboundBytes(pause);
            if (ended) {
                bytes.end();
            }
            return bytes;
        });
    }

    /** Sends {@code data} on channel {@code number}, in the negotiated framing. */
    public void send(int number, byte[] data) throws IOException {
        WebSocketFrame frame;
        if (base64) {
            frame = new TextWebSocketFrame((char) ('0' + number) + Base64.getEncoder().encodeToString(data));
        } else {
            ByteBuf buf = Unpooled.buffer(data.length + 1).writeByte(number).writeBytes(data);
            frame = new BinaryWebSocketFrame(buf);
        }
        ChannelFuture written = channel.writeAndFlush(frame);
        if (!written.awaitUninterruptibly(60, TimeUnit.SECONDS)) {
            throw new IOException("write on channel " + number + " did not complete");
        }
        if (!written.isSuccess()) {
            throw new IOException("write on channel " + number + " failed", written.cause());
        }
    }

    public void send(int number, String text) throws IOException {
        send(number, text.getBytes(StandardCharsets.UTF_8));
    }

    public CompletableFuture<Void> closed() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> closed.complete(null));
        return closed;
    }

    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, ""));
        }
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** The handshake response, then messages, on the event loop. */
    private final class Frames extends SimpleChannelInboundHandler<Object> {
        private final WebSocketClientHandshaker handshaker;
        private final CompletableFuture<Void> handshaken;

        Frames(WebSocketClientHandshaker handshaker, CompletableFuture<Void> handshaken) {
            this.handshaker = handshaker;
            this.handshaken = handshaken;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpResponse response && !handshaker.isHandshakeComplete()) {
                try {
                    handshaker.finishHandshake(ctx.channel(), response);
                    ctx.pipeline().addBefore(ctx.name(), "aggregator", new WebSocketFrameAggregator(MAX_MESSAGE));
                    handshaken.complete(null);
                } catch (WebSocketHandshakeException e) {
                    handshaken.completeExceptionally(new UpgradeFailedException(response.status().code(),
                            response.content().toString(StandardCharsets.UTF_8)));
                }
                return;
            }
            switch (msg) {
                case BinaryWebSocketFrame binary when binary.content().isReadable() -> {
                    ByteBuf content = binary.content();
                    channel(content.readUnsignedByte()).offer(content);
                }
                case TextWebSocketFrame text when text.content().isReadable() -> {
                    String value = text.text();
                    byte[] bytes = Base64.getDecoder().decode(value.substring(1));
                    channel(value.charAt(0) - '0').offer(Unpooled.wrappedBuffer(bytes));
                }
                case CloseWebSocketFrame close -> ctx.close();
                default -> { }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handshaken.completeExceptionally(new IOException("connection closed"));
            ended = true;
            channels.values().forEach(InboundBytes::end);
        }
    }
}
