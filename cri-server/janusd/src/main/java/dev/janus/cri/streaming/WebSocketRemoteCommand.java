package dev.janus.cri.streaming;

import dev.janus.isolation.ProcessStreams;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;

/**
 * exec and attach over WebSocket (channel.k8s.io and its base64 and v4/v5 variants): channels
 * 0 stdin, 1 stdout, 2 stderr, 3 error (the status), 4 resize (one JSON size per message); v5
 * adds channel 255, on which the client names a channel it closed (0: end of stdin). As kubelet
 * does, an empty message on the first output channel tells the client the session is up.
 */
final class WebSocketRemoteCommand extends SimpleChannelInboundHandler<WebSocketFrame> implements CommandTransport {

    private static final int STDIN = 0;
    private static final int STDOUT = 1;
    private static final int STDERR = 2;
    private static final int ERROR = 3;
    private static final int RESIZE = 4;

    private final StreamTarget.RemoteCommand target;
    private final Dialect dialect;
    private final WebSocketChannels codec;
    private final IdleTimeout idle;
    private final TerminalSizes sizes = new TerminalSizes();
    private RemoteCommandSession session;
    private ChannelHandlerContext context;
    private WebSocketOutbound stdout;
    private WebSocketOutbound stderr;
    private WebSocketOutbound error;

    WebSocketRemoteCommand(StreamTarget.RemoteCommand target, Dialect dialect, IdleTimeout idle) {
        this.target = target;
        this.dialect = dialect;
        this.codec = new WebSocketChannels(dialect.base64());
        this.idle = idle;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        var channel = ctx.channel();
        Flusher flusher = new Flusher(channel);
        stdout = target.stdio().stdout() ? new WebSocketOutbound(channel, codec, STDOUT, idle, flusher) : null;
        stderr = target.stdio().stderr() ? new WebSocketOutbound(channel, codec, STDERR, idle, flusher) : null;
        error = new WebSocketOutbound(channel, codec, ERROR, idle, flusher);
        (stdout != null ? stdout : stderr != null ? stderr : error).writeMessage(new byte[0]);
        session = new RemoteCommandSession(target, this, new ReadGate(channel));
        session.start();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        switch (frame) {
            case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case PongWebSocketFrame pong -> { }
            case CloseWebSocketFrame close -> ctx.writeAndFlush(close.retainedDuplicate())
                    .addListener(ChannelFutureListener.CLOSE);
            default -> message(codec.decode(frame));
        }
    }

    private void message(WebSocketChannels.Message message) {
        if (message == null) {
            return;
        }
        idle.touch();
        ByteBuf data = message.data();
        switch (message.channel()) {
            case STDIN -> {
                session.stdin(data);
                return;
            }
            case RESIZE -> sizes.feed(data).forEach(session::resize);
            case WebSocketChannels.CLOSE_CHANNEL -> {
                if (dialect.closeSignal() && data.isReadable() && data.getUnsignedByte(data.readerIndex()) == STDIN) {
                    session.stdinClosed();
                }
            }
            default -> { }
        }
        data.release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.clientGone();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public Outbound output(ProcessStreams.Source source) {
        return source == ProcessStreams.Source.STDOUT ? stdout : stderr;
    }

    @Override
    public void finish(KubeStatus status) {
        byte[] message = dialect.jsonStatus() ? status.json() : status.text();
        if (message.length > 0) {
            error.writeMessage(message);
        }
        context.channel().writeAndFlush(new CloseWebSocketFrame(1000, ""))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
