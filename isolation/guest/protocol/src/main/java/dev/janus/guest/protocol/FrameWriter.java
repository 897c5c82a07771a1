package dev.janus.guest.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * Writes whole frames, one at a time, to a byte stream shared by every thread of a link. The
 * guard is checked under the lock, so once a session is marked over no frame of it follows the
 * next session's preamble (a write already under way still finishes).
 */
public final class FrameWriter {

    private final OutputStream out;
    private final Object lock = new Object();

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    public void writePreamble() throws IOException {
        synchronized (lock) {
            out.write(Protocol.preamble());
            out.flush();
        }
    }

    /** Writes the frame if {@code open} still holds; throws {@link SessionClosedException} if not. */
    public void write(Frame frame, BooleanSupplier open) throws IOException {
        if (frame.payload().length > Protocol.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload of " + frame.payload().length + " bytes exceeds the frame bound");
        }
        byte[] head = encodeHeader(frame);
        synchronized (lock) {
            if (!open.getAsBoolean()) {
                throw new SessionClosedException();
            }
            out.write(head);
            out.write(frame.payload());
            out.flush();
        }
    }

    static byte[] encodeHeader(Frame frame) {
        int length = Protocol.HEADER_BYTES + frame.payload().length;
        int op = frame.op();
        int id = frame.id();
        return new byte[] {
            (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length,
            (byte) frame.type().code(), (byte) frame.flags(), (byte) (op >>> 8), (byte) op,
            (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    /** The whole frame as bytes (tests, the fuzzer). */
    public static byte[] encode(Frame frame) {
        byte[] head = encodeHeader(frame);
        byte[] all = new byte[head.length + frame.payload().length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(frame.payload(), 0, all, head.length, frame.payload().length);
        return all;
    }
}
