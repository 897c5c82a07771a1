package dev.janus.cri.streaming;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Port-forward over WebSocket (v4.channel.k8s.io style, as kubelet serves it): one connection per
 * port named in the URL ({@code ?port=80&port=443}, or the request's ports), made when the
 * WebSocket opens. Port i has data channel 2i and error channel 2i+1; the first message on each
 * carries the port as two little-endian bytes. The WebSocket closes when every port's connection
 * has ended, or when the client closes it.
 */
final class PortForwardWebSocket extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final StreamTarget.PortForward target;
    private final List<Integer> ports;
    private final WebSocketChannels codec;
    private final IdleTimeout idle;
    private final List<PortTunnel> tunnels = new ArrayList<>();
    private Writability writability;
    private int open;

    PortForwardWebSocket(StreamTarget.PortForward target, List<Integer> ports, Dialect dialect, IdleTimeout idle) {
        this.target = target;
        this.ports = List.copyOf(ports);
        this.codec = new WebSocketChannels(dialect.base64());
        this.idle = idle;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ReadGate gate = new ReadGate(ctx.channel());
        writability = new Writability(ctx.channel());
        Flusher flusher = new Flusher(ctx.channel());
        open = ports.size();
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            WebSocketOutbound data = new WebSocketOutbound(ctx.channel(), codec, 2 * i, idle, flusher);
            WebSocketOutbound error = new WebSocketOutbound(ctx.channel(), codec, 2 * i + 1, idle, flusher);
            byte[] portBytes = {(byte) port, (byte) (port >> 8)};
            data.writeMessage(portBytes);
            error.writeMessage(portBytes);
            PortTunnel tunnel = new PortTunnel(port, data, ctx.channel(), gate, writability, events(ctx, i, port, error));
            tunnels.add(tunnel);
            tunnel.connect(() -> target.dial().apply(port));
        }
    }

    private PortTunnel.Events events(ChannelHandlerContext ctx, int index, int port, WebSocketOutbound error) {
        return new PortTunnel.Events() {
            @Override
            public void failed(String message) {
                error.writeMessage(String.format("error forwarding port %d to pod %s: %s", port, target.sandboxId(),
                        message).getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void targetEnded() {
                tunnels.get(index).abort(); // no half-close on a channel: the pod's end is this port's end
            }

            @Override
            public void closed() {
                if (--open == 0) {
                    ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
                }
            }
        };
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        switch (frame) {
            case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case PongWebSocketFrame pong -> { }
            case CloseWebSocketFrame close -> ctx.writeAndFlush(close.retainedDuplicate())
                    .addListener(ChannelFutureListener.CLOSE);
            default -> {
                WebSocketChannels.Message message = codec.decode(frame);
                if (message == null) {
                    return;
                }
                int index = message.channel() / 2;
                if (message.channel() % 2 == 0 && index < tunnels.size()) {
                    idle.touch();
                    tunnels.get(index).fromClient(message.data());
                } else {
                    message.data().release();
                }
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writability.changed();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        new ArrayList<>(tunnels).forEach(PortTunnel::abort);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
