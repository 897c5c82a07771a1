package dev.janus.guest.protocol.codec;

import dev.janus.guest.protocol.Protocol;
import dev.janus.guest.protocol.ProtocolException;

/**
 * Encodes message records to frame payloads and back. A payload is the top-level record's
 * fields, without a length of its own (the frame bounds it). Supported component types:
 * boolean, int, long, String, byte[], enums, records and {@code List}s of those.
 */
public final class RecordCodec {

    private RecordCodec() {
    }

    public static byte[] encode(Record message) {
        byte[] body = RecordShape.of(message.getClass()).encode(message);
        if (body.length > Protocol.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " encodes to "
                    + body.length + " bytes, more than one frame holds");
        }
        return body;
    }

    /**
     * @throws ProtocolException if the bytes are not a valid encoding of {@code type}
     */
    public static <R extends Record> R decode(Class<R> type, byte[] payload) throws ProtocolException {
        try {
            return type.cast(RecordShape.of(type).decode(new WireInput(payload, 0, payload.length), 0));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("invalid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
