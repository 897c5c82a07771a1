package dev.janus.guest.protocol.stream;

import dev.janus.guest.protocol.Frame;
import dev.janus.guest.protocol.FrameWriter;
import dev.janus.guest.protocol.ProtocolException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One side of one session: sends frames through the link's {@link FrameWriter} while the session
 * is open, and routes the stream frames the read loop hands it to the streams open here. Stream
 * ids are allocated by the host; each stream has one writer and one reader.
 */
public final class Endpoint {

    private final FrameWriter writer;
    private final Map<Integer, InboundStream> inbound = new ConcurrentHashMap<>();
    private final Map<Integer, OutboundStream> outbound = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    public Endpoint(FrameWriter writer) {
        this.writer = writer;
    }

    public boolean isOpen() {
        return open;
    }

    /** @throws dev.janus.guest.protocol.SessionClosedException once the session is over */
    public void send(Frame frame) throws IOException {
        writer.write(frame, this::isOpen);
    }

    /** Sends from a virtual thread: for the read loop, which must never wait on a write. */
    public void sendLater(Frame frame) {
        Thread.ofVirtual().name("send-later").start(() -> {
            try {
                send(frame);
            } catch (IOException e) {
                // the session ended meanwhile: nothing left to tell
            }
        });
    }

    /** Registers the reading side of stream {@code id}; data that arrives is kept for it. */
    public InboundStream openInbound(int id) {
        InboundStream stream = new InboundStream(this, id);
        if (inbound.putIfAbsent(id, stream) != null) {
            throw new IllegalStateException("stream " + Integer.toUnsignedString(id) + " is already open here");
        }
        return stream;
    }

    /** Registers the writing side of stream {@code id}, with the initial credit. */
    public OutboundStream openOutbound(int id) {
        OutboundStream stream = new OutboundStream(this, id);
        if (outbound.putIfAbsent(id, stream) != null) {
            throw new IllegalStateException("stream " + Integer.toUnsignedString(id) + " is already open here");
        }
        return stream;
    }

    /**
     * Routes a DATA, CLOSE, WINDOW or CANCEL frame. Data for a stream not open here is answered
     * with CANCEL, so its writer stops.
     *
     * @throws ProtocolException if the peer broke the stream rules (the session must end)
     */
    public void deliver(Frame frame) throws ProtocolException {
        switch (frame.type()) {
            case DATA -> {
                InboundStream stream = inbound.get(frame.id());
                if (stream == null) {
                    sendLater(Frame.cancel(frame.id()));
                } else {
                    stream.onData(frame.payload());
                }
            }
            case CLOSE -> {
                InboundStream stream = inbound.get(frame.id());
                if (stream != null) {
                    stream.onClose();
                }
            }
            case WINDOW -> {
                OutboundStream stream = outbound.get(frame.id());
                if (stream != null) {
                    stream.onWindow(frame.credit());
                }
            }
            case CANCEL -> {
                OutboundStream stream = outbound.get(frame.id());
                if (stream != null) {
                    stream.onCancel();
                }
            }
            default -> throw new IllegalArgumentException(frame.type() + " is not a stream frame");
        }
    }

    /** Ends the session: no more sends; every open stream fails with SessionClosedException. */
    public void close() {
        open = false;
        inbound.values().forEach(InboundStream::onSessionClosed);
        outbound.values().forEach(OutboundStream::onSessionClosed);
        inbound.clear();
        outbound.clear();
    }

    void forget(InboundStream stream) {
        inbound.remove(stream.id(), stream);
    }

    void forget(OutboundStream stream) {
        outbound.remove(stream.id(), stream);
    }
}
