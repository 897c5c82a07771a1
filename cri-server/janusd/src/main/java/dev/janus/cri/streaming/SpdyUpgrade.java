package dev.janus.cri.streaming;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.util.List;

/**
 * The HTTP/1.1 upgrade to SPDY/3.1 that apimachinery's httpstream does: the client lists its
 * subprotocols in {@code X-Stream-Protocol-Version}, the server picks one and answers 101 with
 * it; from the next byte on the connection carries SPDY frames.
 */
final class SpdyUpgrade {

    static final String PROTOCOL_HEADER = "X-Stream-Protocol-Version";
    private static final String ACCEPTED_HEADER = "X-Accepted-Stream-Protocol-Versions";

    private SpdyUpgrade() {
    }

    static boolean requested(HttpRequest request) {
        return "SPDY/3.1".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    /** The negotiated subprotocol, or null after answering the client why there is none. */
    static Dialect negotiate(ChannelHandlerContext ctx, HttpRequest request, List<String> supported) {
        List<String> offered = request.headers().getAll(PROTOCOL_HEADER);
        if (offered.isEmpty()) {
            HttpReplies.error(ctx, HttpResponseStatus.BAD_REQUEST, "unable to upgrade: " + PROTOCOL_HEADER + " is required");
            return null;
        }
        String chosen = Dialect.negotiate(offered, supported);
        if (chosen == null) {
            FullHttpResponse response = HttpReplies.text(HttpResponseStatus.FORBIDDEN, "unable to upgrade: unable to "
                    + "negotiate protocol: client supports " + offered + ", server accepts " + supported);
            supported.forEach(name -> response.headers().add(ACCEPTED_HEADER, name));
            HttpReplies.send(ctx, response);
            return null;
        }
        return Dialect.of(chosen);
    }

    /**
     * Answers 101 and turns the pipeline into a SPDY one ending in {@code session}. The 101 is
     * encoded by the HTTP codec before the codec goes; bytes the HTTP decoder had read past the
     * request go on to the SPDY decoder.
     */
    static void switchTo(ChannelHandlerContext ctx, Dialect dialect, ChannelHandler session) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        response.headers()
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                .set(HttpHeaderNames.UPGRADE, "SPDY/3.1")
                .set(PROTOCOL_HEADER, dialect.name());
        ctx.writeAndFlush(response);
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(StreamingServer.HTTP_CODEC, "spdy", new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
        pipeline.addAfter("spdy", "spdy-session", session);
        pipeline.remove(StreamingServer.HTTP_AGGREGATOR);
        pipeline.remove(ctx.handler());
        pipeline.remove(StreamingServer.HTTP_CODEC);
    }
}
