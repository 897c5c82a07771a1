package dev.janus.guest.protocol.codec;

import dev.janus.guest.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads fields from a bounded byte range. Every length is checked against the bytes left before
 * anything is allocated, so decoding never allocates more than the input holds.
 */
final class WireInput {

    private final byte[] bytes;
    private int position;
    private final int limit;

    WireInput(byte[] bytes, int offset, int limit) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = limit;
    }

    int remaining() {
        return limit - position;
    }

    int u8() throws ProtocolException {
        need(1);
        return bytes[position++] & 0xFF;
    }

    int i32() throws ProtocolException {
        need(4);
        int v = ((bytes[position] & 0xFF) << 24) | ((bytes[position + 1] & 0xFF) << 16)
                | ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
        position += 4;
        return v;
    }

    long i64() throws ProtocolException {
        long high = i32() & 0xFFFFFFFFL;
        long low = i32() & 0xFFFFFFFFL;
        return (high << 32) | low;
    }

    /** A u32 length that must fit in what is left, each unit taking at least {@code unit} bytes. */
    int length(int unit) throws ProtocolException {
        int n = i32();
        if (n < 0 || (long) n * unit > remaining()) {
            throw new ProtocolException("length " + Integer.toUnsignedString(n) + " exceeds the "
                    + remaining() + " bytes left");
        }
        return n;
    }

    byte[] bytes() throws ProtocolException {
        int n = length(1);
        byte[] out = new byte[n];
        System.arraycopy(bytes, position, out, 0, n);
        position += n;
        return out;
    }

    String string() throws ProtocolException {
        int n = length(1);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, n));
            position += n;
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("string field is not UTF-8");
        }
    }

    /** The next {@code n} bytes as their own input; this one skips past them. */
    WireInput slice(int n) throws ProtocolException {
        need(n);
        WireInput sub = new WireInput(bytes, position, position + n);
        position += n;
        return sub;
    }

    private void need(int n) throws ProtocolException {
        if (n > remaining()) {
            throw new ProtocolException("message ends " + (n - remaining()) + " bytes early");
        }
    }
}
