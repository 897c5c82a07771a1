package dev.janus.guest.protocol;

import java.nio.ByteBuffer;

/**
 * One frame as it travels: header fields and the payload bytes.
 *
 * @param op operation or event code; 0 for stream frames
 * @param id request id, stream id or event sequence number (an unsigned 32-bit value)
 */
public record Frame(FrameType type, int flags, int op, int id, byte[] payload) {

    private static final byte[] EMPTY = new byte[0];

    /** What {@link FrameReader#next()} returns for a preamble: a new session begins. */
    public static final Frame SYNC = new Frame(FrameType.SYNC, 0, 0, 0, EMPTY);

    public Frame {
        payload = payload == null ? EMPTY : payload;
    }

    public static Frame request(Op op, int id, byte[] payload) {
        return new Frame(FrameType.REQUEST, 0, op.code(), id, payload);
    }

    public static Frame response(int op, int id, byte[] payload) {
        return new Frame(FrameType.RESPONSE, 0, op, id, payload);
    }

    public static Frame error(int op, int id, byte[] payload) {
        return new Frame(FrameType.ERROR, 0, op, id, payload);
    }

    public static Frame event(EventType event, int sequence, byte[] payload) {
        return new Frame(FrameType.EVENT, 0, event.code(), sequence, payload);
    }

    public static Frame data(int stream, byte[] bytes) {
        return new Frame(FrameType.DATA, 0, 0, stream, bytes);
    }

    public static Frame close(int stream) {
        return new Frame(FrameType.CLOSE, 0, 0, stream, EMPTY);
    }

    public static Frame cancel(int stream) {
        return new Frame(FrameType.CANCEL, 0, 0, stream, EMPTY);
    }

    public static Frame window(int stream, int credit) {
        return new Frame(FrameType.WINDOW, 0, 0, stream, ByteBuffer.allocate(4).putInt(credit).array());
    }

    /** The credit of a WINDOW frame (checked by the reader: 4 bytes, positive). */
    public int credit() {
        return ByteBuffer.wrap(payload).getInt();
    }

    @Override
    public String toString() {
        return type + "(op=" + op + ", id=" + Integer.toUnsignedString(id) + ", " + payload.length + " bytes)";
    }
}
