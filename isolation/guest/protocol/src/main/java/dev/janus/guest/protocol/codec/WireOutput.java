package dev.janus.guest.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends fields in wire form: big-endian integers, u32-length-prefixed bytes and strings. */
final class WireOutput {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    void u8(int v) {
        out.write(v);
    }

    void i32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    void i64(long v) {
        i32((int) (v >>> 32));
        i32((int) v);
    }

    void bytes(byte[] b) {
        i32(b.length);
        out.writeBytes(b);
    }

    void string(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
