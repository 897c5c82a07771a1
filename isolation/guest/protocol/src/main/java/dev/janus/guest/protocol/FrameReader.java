package dev.janus.guest.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames from a byte stream, checking every header field before it allocates the payload,
 * so a hostile or corrupt length costs at most {@link Protocol#MAX_FRAME_BYTES}. Give it a
 * buffered stream: {@link #awaitPreamble()} reads byte by byte.
 */
public final class FrameReader {

    private final InputStream in;
    private final byte[] header = new byte[Protocol.HEADER_BYTES];

    public FrameReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next frame; {@link Frame#SYNC} where a preamble stands instead; null when the stream
     * ends cleanly between frames.
     *
     * @throws ProtocolException on a malformed or truncated frame
     */
    public Frame next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] lengthBytes = {(byte) first, 0, 0, 0};
        readFully(lengthBytes, 1, 3);
        int length = ((lengthBytes[0] & 0xFF) << 24) | ((lengthBytes[1] & 0xFF) << 16)
                | ((lengthBytes[2] & 0xFF) << 8) | (lengthBytes[3] & 0xFF);
        if (length == Protocol.preambleHead()) {
            return restOfPreamble(lengthBytes);
        }
        if (length < Protocol.HEADER_BYTES || length > Protocol.MAX_FRAME_BYTES - 4) {
            throw new ProtocolException("frame length " + Integer.toUnsignedString(length) + " outside "
                    + Protocol.HEADER_BYTES + ".." + (Protocol.MAX_FRAME_BYTES - 4));
        }
        readFully(header, 0, header.length);
        FrameType type = FrameType.ofCode(header[0] & 0xFF);
        int flags = header[1] & 0xFF;
        int op = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        int id = ((header[4] & 0xFF) << 24) | ((header[5] & 0xFF) << 16) | ((header[6] & 0xFF) << 8)
                | (header[7] & 0xFF);
        byte[] payload = new byte[length - Protocol.HEADER_BYTES];
        readFully(payload, 0, payload.length);
        Frame frame = new Frame(type, flags, op, id, payload);
        FrameRules.check(frame);
        return frame;
    }

    /**
     * Skips bytes up to and including the next preamble.
     *
     * @return false if the stream ended first
     */
    public boolean awaitPreamble() throws IOException {
        byte[] window = new byte[8];
        int seen = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            System.arraycopy(window, 1, window, 0, 7);
            window[7] = (byte) b;
            seen++;
            if (seen >= 8 && Protocol.isPreamble(window)) {
                return true;
            }
        }
    }

    private Frame restOfPreamble(byte[] head) throws IOException {
        byte[] whole = new byte[8];
        System.arraycopy(head, 0, whole, 0, 4);
        readFully(whole, 4, 4);
        if (!Protocol.isPreamble(whole)) {
            throw new ProtocolException("damaged preamble");
        }
        return Frame.SYNC;
    }

    private void readFully(byte[] into, int offset, int count) throws IOException {
        int done = 0;
        while (done < count) {
            int n;
            try {
                n = in.read(into, offset + done, count - done);
            } catch (EOFException e) {
                n = -1;
            }
            if (n < 0) {
                throw new ProtocolException("stream ended inside a frame");
            }
            done += n;
        }
    }
}
