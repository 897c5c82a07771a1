package dev.janus.cri.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.nio.ByteBuffer;

/** One channel of a WebSocket connection, written by a pump thread; one message per write. */
final class WebSocketOutbound implements Outbound {

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
        int length = data.remaining();
        budget.acquire(length);
        if (!channel.isActive()) {
            budget.release(length);
            throw new IOException("the client connection is closed");
        }
        idle.touch();
        flusher.write(codec.frame(channel.alloc(), number, data)).addListener(written -> budget.release(length));
    }

    @Override
    public void send(ByteBuf data) {
        idle.touch();
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
