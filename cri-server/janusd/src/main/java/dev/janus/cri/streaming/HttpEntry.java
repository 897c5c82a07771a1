package dev.janus.cri.streaming;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first request of a streaming connection: {@code GET|POST /exec|attach|portforward/TOKEN}.
 * The token is used up at once (whatever follows), its kind must match the path, and the upgrade
 * asked for (SPDY or WebSocket) decides what runs the connection.
 */
final class HttpEntry extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEntry.class);

    private final TokenRegistry tokens;
    private final ConnectionSettings settings;

    HttpEntry(TokenRegistry tokens, ConnectionSettings settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.POST)) {
            HttpReplies.error(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and POST");
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String[] parts = uri.path().split("/");
        StreamTarget target = parts.length == 3 && parts[0].isEmpty() ? tokens.consume(parts[2]) : null;
        if (target == null || !target.kind().equals(parts[1])) {
            HttpReplies.error(ctx, HttpResponseStatus.NOT_FOUND, "404 page not found");
            return;
        }
        boolean webSocket = WebSocketUpgrade.requested(request);
        if (!webSocket && !SpdyUpgrade.requested(request)) {
            HttpReplies.error(ctx, HttpResponseStatus.BAD_REQUEST, "unable to upgrade: missing upgrade headers in request");
            return;
        }
        LOG.debug("{} connection from {} over {}", target.kind(), ctx.channel().remoteAddress(),
                webSocket ? "WebSocket" : "SPDY");
        switch (target) {
            case StreamTarget.RemoteCommand command -> {
                if (webSocket) {
                    remoteCommandWebSocket(ctx, request, command);
                } else {
                    remoteCommandSpdy(ctx, request, command);
                }
            }
            case StreamTarget.PortForward forward -> {
                if (webSocket) {
                    portForwardWebSocket(ctx, request, forward, uri);
                } else {
                    portForwardSpdy(ctx, request, forward);
                }
            }
        }
    }

    private void remoteCommandSpdy(ChannelHandlerContext ctx, FullHttpRequest request, StreamTarget.RemoteCommand target) {
        Dialect dialect = SpdyUpgrade.negotiate(ctx, request, Dialect.SPDY_REMOTE_COMMAND);
        if (dialect != null) {
            IdleTimeout idle = IdleTimeout.watch(ctx.channel(), settings.idleTimeout());
            SpdyRemoteCommand command = new SpdyRemoteCommand(target, dialect, ctx.channel(),
                    new ReadGate(ctx.channel()), settings.streamCreationTimeout());
            SpdySession session = new SpdySession(command, idle, new Writability(ctx.channel()));
            command.bind(session);
            SpdyUpgrade.switchTo(ctx, dialect, session);
        }
    }

    private void portForwardSpdy(ChannelHandlerContext ctx, FullHttpRequest request, StreamTarget.PortForward target) {
        Dialect dialect = SpdyUpgrade.negotiate(ctx, request, Dialect.SPDY_PORT_FORWARD);
        if (dialect != null) {
            IdleTimeout idle = IdleTimeout.watch(ctx.channel(), settings.idleTimeout());
            Writability writability = new Writability(ctx.channel());
            PortForwardSpdy forward = new PortForwardSpdy(target, ctx.channel(), new ReadGate(ctx.channel()),
                    writability, settings.streamCreationTimeout());
            SpdyUpgrade.switchTo(ctx, dialect, new SpdySession(forward, idle, writability));
        }
    }

    private void remoteCommandWebSocket(ChannelHandlerContext ctx, FullHttpRequest request,
            StreamTarget.RemoteCommand target) {
        Dialect dialect = WebSocketUpgrade.negotiate(ctx, request, Dialect.WS_REMOTE_COMMAND);
        if (dialect != null) {
            IdleTimeout idle = IdleTimeout.watch(ctx.channel(), settings.idleTimeout());
            WebSocketUpgrade.switchTo(ctx, request, dialect, new WebSocketRemoteCommand(target, dialect, idle));
        }
    }

    private void portForwardWebSocket(ChannelHandlerContext ctx, FullHttpRequest request, StreamTarget.PortForward target,
            QueryStringDecoder uri) {
        List<Integer> ports = ports(uri, target);
        if (ports == null) {
            HttpReplies.error(ctx, HttpResponseStatus.BAD_REQUEST, "query parameter \"port\" must name ports 1-65535");
            return;
        }
        Dialect dialect = WebSocketUpgrade.negotiate(ctx, request, Dialect.WS_PORT_FORWARD);
        if (dialect != null) {
            IdleTimeout idle = IdleTimeout.watch(ctx.channel(), settings.idleTimeout());
            WebSocketUpgrade.switchTo(ctx, request, dialect, new PortForwardWebSocket(target, ports, dialect, idle));
        }
    }

    /** The ports in the query ({@code port=80&port=81} or {@code port=80,81}), else the request's; null if bad. */
    private static List<Integer> ports(QueryStringDecoder uri, StreamTarget.PortForward target) {
        List<String> values = uri.parameters().getOrDefault("port", List.of());
        if (values.isEmpty()) {
            return target.ports().isEmpty() ? null : target.ports();
        }
        List<Integer> ports = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                try {
                    int port = Integer.parseInt(part.trim());
                    if (port < 1 || port > 65535) {
                        return null;
                    }
                    ports.add(port);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return ports;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("streaming request from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
