package dev.janus.guest.protocol;

import java.util.Arrays;

/** Wire constants of the guest agent protocol; PROTOCOL.md explains each. */
public final class Protocol {

    /** The versions this build speaks; HELLO picks the highest both sides know. */
    public static final int MIN_VERSION = 1;
    public static final int MAX_VERSION = 1;

    /** A whole frame, its 4-byte length field included, is never larger. */
    public static final int MAX_FRAME_BYTES = 1 << 20;
    /** type, flags, op, id: the bytes after the length field and before the payload. */
    public static final int HEADER_BYTES = 8;
    public static final int MAX_PAYLOAD_BYTES = MAX_FRAME_BYTES - 4 - HEADER_BYTES;
    /** Senders split stream data into DATA frames of at most this many bytes. */
    public static final int MAX_DATA_CHUNK = 64 * 1024;
    /** Credit each stream starts with, in each direction: bytes a reader must be able to buffer. */
    public static final int INITIAL_WINDOW = 256 * 1024;
    /** Nested records and lists deeper than this are refused (no message needs more than 4). */
    public static final int MAX_NESTING = 16;

    /**
     * Begins each direction of each session. Its first four bytes, read as a length, exceed
     * {@link #MAX_FRAME_BYTES}, so a reader never mistakes it for a frame. PNG's trick: the high
     * bit, CR LF and ^Z catch channels that strip bits or translate line ends.
     */
    private static final byte[] PREAMBLE = {(byte) 0x89, 'J', 'G', 'P', '\r', '\n', 0x1A, '\n'};

    private Protocol() {
    }

    public static byte[] preamble() {
        return PREAMBLE.clone();
    }

    static boolean isPreamble(byte[] bytes) {
        return Arrays.equals(bytes, PREAMBLE);
    }

    static int preambleHead() {
        return ((PREAMBLE[0] & 0xFF) << 24) | ((PREAMBLE[1] & 0xFF) << 16) | ((PREAMBLE[2] & 0xFF) << 8)
                | (PREAMBLE[3] & 0xFF);
    }
}
