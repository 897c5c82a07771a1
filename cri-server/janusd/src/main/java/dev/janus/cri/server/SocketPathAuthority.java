package dev.janus.cri.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListenerDecorator;
import io.netty.handler.codec.http2.Http2Headers;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.regex.Pattern;

/**
 * gRPC clients that dial a unix socket by path (kubelet and crictl up to 1.26 among them) send
 * that path as the HTTP/2 {@code :authority}; Vert.x takes such a request for malformed and resets
 * the stream. On a unix socket the authority means nothing, so a path-shaped one is replaced by
 * {@code localhost} before Vert.x reads the headers.
 */
final class SocketPathAuthority extends Http2FrameListenerDecorator {

    /** What Vert.x accepts: a host (name, IPv4, [IPv6]) with an optional port. */
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~%!$&'()*+,;=-]*)(:\\d{1,5})?");

    private SocketPathAuthority(io.netty.handler.codec.http2.Http2FrameListener listener) {
        super(listener);
    }

    /** Called as each connection is set up, before its first request is read. */
    static void install(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            Http2ConnectionHandler http2 = base.channel().pipeline().get(Http2ConnectionHandler.class);
            if (http2 != null) {
                http2.decoder().frameListener(new SocketPathAuthority(http2.decoder().frameListener()));
            }
        }
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
            boolean endOfStream) throws Http2Exception {
        super.onHeadersRead(ctx, streamId, normalise(headers), padding, endOfStream);
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
            short weight, boolean exclusive, int padding, boolean endOfStream) throws Http2Exception {
        super.onHeadersRead(ctx, streamId, normalise(headers), streamDependency, weight, exclusive, padding,
                endOfStream);
    }

    static Http2Headers normalise(Http2Headers headers) {
        CharSequence authority = headers.authority();
        if (authority != null && !HOST_PORT.matcher(authority).matches()) {
            headers.authority("localhost");
        }
        return headers;
    }
}
