package dev.janus.cri.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One SPDY stream the client opened: its headers, and our half of it. Writes may come from any
 * thread; each is one data frame, counted against the stream's {@link OutboundBudget}.
 */
final class SpdyStream implements Outbound {

    private final int id;
    private final Map<String, String> headers;
    private final Channel channel;
    private final IdleTimeout idle;
    private final Flusher flusher;
    private final OutboundBudget budget = new OutboundBudget();
    private final AtomicBoolean localFinished = new AtomicBoolean();
    private final Runnable onLocalFinish;
    private volatile boolean remoteFinished;

    SpdyStream(int id, Map<String, String> headers, Channel channel, IdleTimeout idle, Flusher flusher,
            Runnable onLocalFinish) {
        this.id = id;
        this.headers = headers;
        this.channel = channel;
        this.idle = idle;
        this.flusher = flusher;
        this.onLocalFinish = onLocalFinish;
    }

    int id() {
        return id;
    }

    /** A header by its lower-case name (SPDY header names are lower case on the wire); "" if absent. */
    String header(String name) {
        return headers.getOrDefault(name, "");
    }

    @Override
    public void write(ByteBuffer data) throws IOException {
        int length = data.remaining();
        if (localFinished.get()) {
            throw new IOException("stream " + id + " is finished");
        }
        budget.acquire(length);
        if (!channel.isActive()) {
            budget.release(length);
            throw new IOException("the client connection is closed");
        }
        ByteBuf copy = channel.alloc().directBuffer(length).writeBytes(data);
        idle.touch();
        flusher.write(new DefaultSpdyDataFrame(id, copy)).addListener(written -> budget.release(length));
    }

    @Override
    public void send(ByteBuf data) {
        idle.touch();
        flusher.write(new DefaultSpdyDataFrame(id, data));
    }

    /** Writes a small message whole, without waiting on the budget (status and error texts). */
    ChannelFuture writeMessage(byte[] message) {
        idle.touch();
        ByteBuf copy = channel.alloc().buffer(message.length).writeBytes(message);
        return channel.writeAndFlush(new DefaultSpdyDataFrame(id, copy));
    }

    @Override
    public void finish() {
        if (localFinished.compareAndSet(false, true)) {
            channel.writeAndFlush(new DefaultSpdyDataFrame(id).setLast(true));
            channel.eventLoop().execute(onLocalFinish);
        }
    }

    /** Ends the stream both ways at once (RST_STREAM CANCEL). */
    void reset() {
        if (localFinished.compareAndSet(false, true)) {
            channel.writeAndFlush(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.CANCEL));
        }
        remoteFinished = true;
        budget.close();
        channel.eventLoop().execute(onLocalFinish);
    }

    void remoteFinished() {
        remoteFinished = true;
    }

    boolean done() {
        return localFinished.get() && remoteFinished;
    }

    /** The connection is gone or the client reset the stream: writers stop waiting. */
    void closed() {
        remoteFinished = true;
        localFinished.set(true);
        budget.close();
    }
}
