package dev.janus.cri.streaming;

import dev.janus.cri.errors.CriException;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One forwarded connection: a socket to a port in the pod and one client stream. Two virtual
 * threads (the socket is a JDK channel, so they block cheaply): one copies the socket to the
 * client, waiting while the client is slow; one copies the client's queued bytes to the socket.
 * An end of data is passed on as a half-close each way. The client's data may arrive before the
 * socket is connected; it waits in the queue.
 *
 * <pre>
 *   pod closes its side  -> FIN to the client, then {@code onTargetEnd} (the owner ends the pair)
 *   client FIN            -> shutdownOutput on the socket
 *   both, or abort        -> socket closed, {@code onClosed}
 * </pre>
 */
final class PortTunnel {

    private static final Logger LOG = LoggerFactory.getLogger(PortTunnel.class);
    private static final int READ_BUFFER = 64 * 1024;

    /** What the owner (SPDY or WebSocket port-forward) hears of the tunnel. */
    interface Events {
        /** The connection could not be made; {@code message} is for the client's error stream. */
        void failed(String message);

        /** The pod's side sent all it will send (its end of data reached the client). */
        void targetEnded();

        void closed();
    }

    private final int port;
    private final Outbound toClient;
    private final InputQueue fromClient;
    private final Events events;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SocketChannel socket;
    private volatile boolean readerDone;
    private volatile boolean writerDone;

    PortTunnel(int port, Outbound toClient, ReadGate gate, Events events) {
        this.port = port;
        this.toClient = toClient;
        this.fromClient = new InputQueue(gate);
        this.events = events;
    }

    /** Client bytes for the pod; ownership passes. Called on the event loop. */
    void fromClient(ByteBuf data) {
        fromClient.data(data);
    }

    void clientFinished() {
        fromClient.end();
    }

    /** Connects (blocking work, on a virtual thread) and starts copying. */
    void connect(Supplier<SocketChannel> dial) {
        Thread.ofVirtual().name("forward-" + port).start(() -> {
            try {
                socket = dial.get();
            } catch (CriException e) {
                events.failed(e.getMessage());
                abort();
                return;
            }
            if (closed.get()) {
                closeSocket();
                return;
            }
            Thread.ofVirtual().name("forward-in-" + port).start(this::copyToPod);
            copyToClient();
        });
    }

    private void copyToClient() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER);
        try {
            while (socket.read(buffer) >= 0) {
                buffer.flip();
                toClient.write(buffer);
                buffer.clear();
            }
            toClient.finish();
            events.targetEnded();
        } catch (IOException e) {
            LOG.debug("port {}: to the client: {}", port, e.getMessage());
            abort();
            return;
        }
        readerDone = true;
        closeIfDone();
    }

    private void copyToPod() {
        try {
            while (true) {
                switch (fromClient.take()) {
                    case InputQueue.Input.Data data -> write(data.bytes());
                    case InputQueue.Input.End end -> {
                        if (!fromClient.closed()) {
                            socket.shutdownOutput();
                        }
                        writerDone = true;
                        closeIfDone();
                        return;
                    }
                    case InputQueue.Input.Resize ignored -> { }
                }
            }
        } catch (IOException e) {
            LOG.debug("port {}: to the pod: {}", port, e.getMessage());
            abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
        }
    }

    private void write(ByteBuf bytes) throws IOException {
        try {
            ByteBuffer buffer = bytes.nioBuffer();
            while (buffer.hasRemaining()) {
                socket.write(buffer);
            }
        } finally {
            bytes.release();
        }
    }

    private void closeIfDone() {
        if (readerDone && writerDone) {
            abort();
        }
    }

    /** Ends the tunnel both ways now (the client reset the stream or went away). */
    void abort() {
        if (closed.compareAndSet(false, true)) {
            fromClient.close();
            closeSocket();
            events.closed();
        }
    }

    private void closeSocket() {
        SocketChannel open = socket;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        }
    }
}
