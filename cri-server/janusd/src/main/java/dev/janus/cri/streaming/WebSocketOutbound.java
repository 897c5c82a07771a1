package dev.janus.cri.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One channel of a WebSocket connection. Data goes in messages of at most 32 KiB, so that clients
 * with a 64 KiB frame limit (Netty's default) take them.
 */
final class WebSocketOutbound implements Outbound {

    private static final int MAX_MESSAGE_DATA = 32 * 1024;

    private final Channel channel;
    private final WebSocketChannels codec;
    private final int number;
    private final IdleTimeout idle;
    private final Flusher flusher;
    private final OutboundBudget budget = new OutboundBudget();

    WebSocketOutbound(Channel channel, WebSocketChannels codec, int number, IdleTimeout idle, Flusher flusher) {
        this.channel = channel;
        this.codec = codec;
        this.number = number;
        this.idle = idle;
        this.flusher = flusher;
        channel.closeFuture().addListener(closed -> budget.close());
    }

    @Override
    public void write(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            int length = Math.min(data.remaining(), MAX_MESSAGE_DATA);
            budget.acquire(length);
            if (!channel.isActive()) {
                budget.release(length);
                throw new IOException("the client connection is closed");
            }
            idle.touch();
            ByteBuffer message = data.slice(data.position(), length);
            data.position(data.position() + length);
            flusher.write(codec.frame(channel.alloc(), number, message)).addListener(written -> budget.release(length));
        }
    }

    @Override
    public void send(ByteBuf data) {
        idle.touch();
        while (data.readableBytes() > MAX_MESSAGE_DATA) {
            flusher.write(codec.frame(number, data.readRetainedSlice(MAX_MESSAGE_DATA)));
        }
        flusher.write(codec.frame(number, data));
    }

    /** Writes a small message whole, without waiting on the budget. */
    ChannelFuture writeMessage(byte[] message) {
        idle.touch();
        return channel.writeAndFlush(codec.frame(channel.alloc(), number, ByteBuffer.wrap(message)));
    }

    @Override
    public void finish() {
        // channels of the Kubernetes WebSocket protocols have no end of their own
    }
}
