package dev.janus.cri.streaming;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;

/** One outgoing byte stream to a client (a SPDY stream, a WebSocket channel). */
interface Outbound {

    /**
     * From a pump thread: sends a copy of {@code data}, first waiting while too many bytes of this
     * stream are unsent (the client reads slowly).
     *
     * @throws IOException once the connection is gone
     */
    void write(ByteBuffer data) throws IOException;

    /**
     * On the event loop: sends {@code data} (ownership passes) without waiting; the caller
     * watches the connection's writability itself.
     */
    void send(ByteBuf data);

    /** No more data on this stream: a SPDY FIN; nothing on WebSocket, whose channels just stop. */
    void finish();
}
