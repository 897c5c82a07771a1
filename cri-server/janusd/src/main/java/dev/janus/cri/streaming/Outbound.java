package dev.janus.cri.streaming;

import java.io.IOException;
import java.nio.ByteBuffer;

/** One outgoing byte stream to a client (a SPDY stream, a WebSocket channel), written by a pump thread. */
interface Outbound {

    /**
     * Sends a copy of {@code data}, first waiting while too many bytes of this stream are unsent
     * (the client reads slowly).
     *
     * @throws IOException once the connection is gone
     */
    void write(ByteBuffer data) throws IOException;

    /** No more data on this stream: a SPDY FIN; nothing on WebSocket, whose channels just stop. */
    void finish();
}
