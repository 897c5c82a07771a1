package dev.janus.guest.protocol;

/**
 * What a frame carries. The code is the frame's type byte; {@link #SYNC} has none: it stands for
 * the session preamble when a {@link FrameReader} meets one between frames.
 */
public enum FrameType {
    SYNC(0),
    /** host to guest: an operation; id = request id, op = operation code. */
    REQUEST(1),
    /** guest to host: the operation succeeded; id and op echo the request. */
    RESPONSE(2),
    /** guest to host: the operation failed; payload is an {@code ErrorReply}. */
    ERROR(3),
    /** guest to host, unasked: op = event code, id = event sequence number. */
    EVENT(4),
    /** writer to reader of stream {@code id}: payload is stream bytes, spends credit. */
    DATA(5),
    /** writer to reader: no more data on the stream (end of file). */
    CLOSE(6),
    /** reader to writer: payload is a u32 credit increment. */
    WINDOW(7),
    /** reader to writer: stop, the reader is gone; the writer drops what it still has. */
    CANCEL(8);

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean isStream() {
        return code >= DATA.code;
    }

    static FrameType ofCode(int code) throws ProtocolException {
        if (code < REQUEST.code || code > CANCEL.code) {
            throw new ProtocolException("unknown frame type " + code);
        }
        return values()[code];
    }
}
