package dev.janus.e2e.streaming;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One stream this client opened: what the server sends on it, and our half. */
public final class SpdyClientStream {

    private final int id;
    private final Channel channel;
    private final InboundBytes input;
    private final CompletableFuture<Void> reply = new CompletableFuture<>();
    private volatile boolean reset;

    SpdyClientStream(int id, Channel channel, InboundBytes input) {
        this.id = id;
        this.channel = channel;
        this.input = input;
    }

    public int id() {
        return id;
    }

    public InboundBytes input() {
        return input;
    }

    /** Sends {@code data}; waits until it is written, so a slow server slows the writer. */
    public void write(byte[] data) throws IOException {
        ChannelFuture written = channel.writeAndFlush(new DefaultSpdyDataFrame(id, Unpooled.wrappedBuffer(data)));
        if (!written.awaitUninterruptibly(60, TimeUnit.SECONDS)) {
            throw new IOException("write on stream " + id + " did not complete");
        }
        if (!written.isSuccess()) {
            throw new IOException("write on stream " + id + " failed", written.cause());
        }
    }

    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Half-closes: no more data from us (FIN). */
    public void finish() {
        channel.writeAndFlush(new DefaultSpdyDataFrame(id).setLast(true));
    }

    public void reset() {
        channel.writeAndFlush(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.CANCEL));
    }

    public boolean wasResetByServer() {
        return reset;
    }

    void replied() {
        reply.complete(null);
    }

    void wasReset() {
        reset = true;
        reply.completeExceptionally(new IOException("stream " + id + " was reset"));
        input.end();
    }

    void awaitReply() throws IOException {
        try {
            reply.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("no reply to stream " + id, e);
        }
    }
}
