package dev.janus.cri.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The channel framing of Kubernetes' WebSocket subprotocols: each binary message starts with its
 * channel number; with a base64 subprotocol each message is text, the channel as an ASCII digit
 * followed by the base64 of the bytes.
 */
final class WebSocketChannels {

    /** v5's control channel: a message on it names a channel the client closed. */
    static final int CLOSE_CHANNEL = 255;

    /** A decoded message: its channel and its bytes (the caller releases them). */
    record Message(int channel, ByteBuf data) {
    }

    private final boolean base64;

    WebSocketChannels(boolean base64) {
        this.base64 = base64;
    }

    WebSocketFrame frame(ByteBufAllocator alloc, int channel, ByteBuffer data) {
        if (base64) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            String text = (char) ('0' + channel) + Base64.getEncoder().encodeToString(bytes);
            return new TextWebSocketFrame(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII)));
        }
        ByteBuf buf = alloc.directBuffer(1 + data.remaining());
        buf.writeByte(channel).writeBytes(data);
        return new BinaryWebSocketFrame(buf);
    }

    /** A message of {@code data} (ownership passes) on {@code channel}, without copying binary data. */
    WebSocketFrame frame(int channel, ByteBuf data) {
        if (base64) {
            try {
                return frame(data.alloc(), channel, data.nioBuffer());
            } finally {
                data.release();
            }
        }
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(new byte[] {(byte) channel}), data));
    }

    /** The channel and bytes of a data message, or null for an empty or undecodable one. */
    Message decode(WebSocketFrame frame) {
        ByteBuf content = frame.content();
        if (!content.isReadable()) {
            return null;
        }
        if (frame instanceof BinaryWebSocketFrame) {
            int channel = content.readUnsignedByte();
            return new Message(channel, content.retainedSlice());
        }
        if (frame instanceof TextWebSocketFrame) {
            int channel = content.readUnsignedByte() - '0';
            try {
                byte[] bytes = Base64.getDecoder().decode(content.toString(StandardCharsets.US_ASCII).trim());
                return new Message(channel, Unpooled.wrappedBuffer(bytes));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
