package dev.janus.cri.streaming;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.List;

/**
 * The WebSocket handshake, with the subprotocol chosen as Kubernetes' wsstream chooses it: the
 * first one the client lists that the server supports; a client that lists none gets the plain
 * binary channel protocol; a client whose list has no supported one is refused. Messages are
 * reassembled from fragments before they reach the handler.
 */
final class WebSocketUpgrade {

    private static final int MAX_MESSAGE = 1 << 20;

    private WebSocketUpgrade() {
    }

    static boolean requested(HttpRequest request) {
        return HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE, ""))
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    /** The negotiated subprotocol, or null after refusing the client. */
    static Dialect negotiate(ChannelHandlerContext ctx, HttpRequest request, List<String> supported) {
        List<String> offered = request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        String chosen = Dialect.negotiate(offered, supported);
        if (chosen == null) {
            HttpReplies.error(ctx, HttpResponseStatus.BAD_REQUEST, "requested protocol(s) are not supported: "
                    + offered + "; supports " + supported);
            return null;
        }
        return Dialect.of(chosen);
    }

    /** Completes the handshake, then hands the connection's messages to {@code handler}. */
    static void switchTo(ChannelHandlerContext ctx, FullHttpRequest request, Dialect dialect, ChannelHandler handler) {
        String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location,
                dialect.name().isEmpty() ? null : dialect.name(), false, MAX_MESSAGE).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        var pipeline = ctx.pipeline();
        pipeline.remove(ctx.handler());
        handshaker.handshake(ctx.channel(), request).addListener(done -> {
            if (done.isSuccess()) {
                pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(MAX_MESSAGE));
                pipeline.addLast("ws-session", handler);
            } else {
                ctx.channel().close();
            }
        });
    }
}
