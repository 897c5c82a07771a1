package dev.janus.isolation.p9.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds one reply: the header is filled in by {@link #finish}, once the size is known. The
 * buffer is sized by the caller from the negotiated msize, so a reply never grows past it.
 */
public final class MessageWriter {

    private final ByteBuffer buffer;

    public MessageWriter(int capacity, int type, int tag) {
        this.buffer = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(0).put((byte) type).putShort((short) tag);
    }

    public MessageWriter u8(int value) {
        buffer.put((byte) value);
        return this;
    }

    public MessageWriter u16(int value) {
        buffer.putShort((short) value);
        return this;
    }

    public MessageWriter u32(int value) {
        buffer.putInt(value);
        return this;
    }

    public MessageWriter u64(long value) {
        buffer.putLong(value);
        return this;
    }

    public MessageWriter string(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.putShort((short) bytes.length).put(bytes);
        return this;
    }

    public MessageWriter qid(Qid qid) {
        buffer.put((byte) qid.type()).putInt(qid.version()).putLong(qid.path());
        return this;
    }

    public MessageWriter bytes(ByteBuffer data) {
        buffer.put(data);
        return this;
    }

    public int position() {
        return buffer.position();
    }

    public int room() {
        return buffer.remaining();
    }

    /** Writes a u32 at an earlier position (a count only known once the data is in). */
    public void u32At(int position, int value) {
        buffer.putInt(position, value);
    }

    public ByteBuffer finish() {
        buffer.putInt(0, buffer.position());
        return buffer.flip();
    }

    /** Rlerror: the errno the request failed with. */
    public static ByteBuffer error(int tag, int errno) {
        return new MessageWriter(P9.HEADER + 4, P9.RLERROR, tag).u32(errno).finish();
    }
}
