package dev.janus.isolation.p9.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one message body, little-endian as 9P is. Every read is bounded by the
 * message: a field that would run past its end is EPROTO, never an exception of another kind,
 * so a hostile frame can end its request, not the session.
 */
public final class MessageReader {

    private final ByteBuffer body;

    public MessageReader(ByteBuffer body) {
        this.body = body.order(ByteOrder.LITTLE_ENDIAN);
    }

    public int u8() {
        need(1);
        return body.get() & 0xFF;
    }

    public int u16() {
        need(2);
        return body.getShort() & 0xFFFF;
    }

    public int u32() {
        need(4);
        return body.getInt();
    }

    public long u64() {
        need(8);
        return body.getLong();
    }

    /** A string: length[2] then UTF-8, which must be well formed. */
    public String string() {
        int length = u16();
        need(length);
        ByteBuffer bytes = body.slice(body.position(), length);
        body.position(body.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new P9Error(Errno.EINVAL, "a name that is not UTF-8");
        }
    }

    /** The next {@code count} bytes, without copying. */
    public ByteBuffer bytes(int count) {
        if (count < 0) {
            throw new P9Error(Errno.EPROTO, "negative count");
        }
        need(count);
        ByteBuffer slice = body.slice(body.position(), count);
        body.position(body.position() + count);
        return slice;
    }

    public int remaining() {
        return body.remaining();
    }

    private void need(int bytes) {
        if (body.remaining() < bytes) {
            throw new P9Error(Errno.EPROTO, "message ends inside a field");
        }
    }
}
