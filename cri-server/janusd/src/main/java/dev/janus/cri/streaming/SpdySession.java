package dev.janus.cri.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of a SPDY/3.1 session as spdystream (kubelet's and client-go's SPDY) speaks
 * it, over Netty's frame codec: the client opens streams (odd ids) and each gets a SYN_REPLY;
 * data, half-closes (FIN) and resets go to the {@link Listener}; pings are echoed. Netty's own
 * SpdySessionHandler is not used: it enforces SPDY flow-control windows, which spdystream never
 * opens (it sends no WINDOW_UPDATE), so output would stop after 64 KiB.
 */
final class SpdySession extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SpdySession.class);

    /** What runs on top: exec/attach or port-forward. Called on the event loop. */
    interface Listener {
        void opened(SpdyStream stream);

        /** Client data on a stream; the listener releases it. */
        void data(SpdyStream stream, ByteBuf data);

        void remoteFinished(SpdyStream stream);

        void reset(SpdyStream stream);

        void closed();
    }

    private final Listener listener;
    private final IdleTimeout idle;
    private final Writability writability;
    private final Map<Integer, SpdyStream> streams = new HashMap<>();
    private Flusher flusher;
    private int lastStreamId;
    private ChannelHandlerContext context;

    SpdySession(Listener listener, IdleTimeout idle, Writability writability) {
        this.listener = listener;
        this.idle = idle;
        this.writability = writability;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        flusher = new Flusher(ctx.channel());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writability.changed();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (msg) {
                case SpdySynStreamFrame syn -> open(ctx, syn);
                case SpdyDataFrame data -> data(ctx, data);
                case SpdyRstStreamFrame rst -> reset(rst.streamId());
                case SpdyPingFrame ping -> {
                    if ((ping.id() & 1) == 1) { // the client's ping: echo it
                        ctx.writeAndFlush(ping);
                        return;
                    }
                }
                case SpdyGoAwayFrame goAway -> ctx.close();
                default -> { } // SETTINGS, WINDOW_UPDATE, HEADERS: nothing spdystream needs
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void open(ChannelHandlerContext ctx, SpdySynStreamFrame syn) {
        int id = syn.streamId();
        if ((id & 1) == 0 || id <= lastStreamId) {
            ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.PROTOCOL_ERROR));
            return;
        }
        lastStreamId = id;
        Map<String, String> headers = new HashMap<>();
        syn.headers().iteratorAsString().forEachRemaining(
                header -> headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
        SpdyStream stream = new SpdyStream(id, headers, ctx.channel(), idle, flusher, () -> forgetIfDone(id));
        streams.put(id, stream);
        idle.touch();
        ctx.writeAndFlush(reply(id));
        listener.opened(stream);
        if (syn.isLast()) {
            remoteFinished(stream);
        }
    }

    /**
     * A reply with one header: Netty encodes an empty header block as no bytes at all, which Go's
     * SPDY framer (reading a compressed count of headers) takes for a broken frame.
     */
    private static DefaultSpdySynReplyFrame reply(int id) {
        DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(id);
        reply.headers().set(":status", "200");
        return reply;
    }

    private void data(ChannelHandlerContext ctx, SpdyDataFrame frame) {
        SpdyStream stream = streams.get(frame.streamId());
        if (stream == null) {
            ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(frame.streamId(), SpdyStreamStatus.INVALID_STREAM));
            return;
        }
        if (frame.content().isReadable()) {
            idle.touch();
            listener.data(stream, frame.content().retain());
        }
        if (frame.isLast()) {
            remoteFinished(stream);
        }
    }

    private void remoteFinished(SpdyStream stream) {
        stream.remoteFinished();
        listener.remoteFinished(stream);
        forgetIfDone(stream.id());
    }

    private void reset(int id) {
        SpdyStream stream = streams.remove(id);
        if (stream != null) {
            stream.closed();
            listener.reset(stream);
        }
    }

    private void forgetIfDone(int id) {
        SpdyStream stream = streams.get(id);
        if (stream != null && stream.done()) {
            streams.remove(id);
        }
    }

    /** Says goodbye (GOAWAY) and closes the connection once everything before is written. */
    void goAway() {
        context.executor().execute(() -> context.writeAndFlush(new DefaultSpdyGoAwayFrame(lastStreamId))
                .addListener(ChannelFutureListener.CLOSE));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        streams.values().forEach(SpdyStream::closed);
        streams.clear();
        listener.closed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("SPDY connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
