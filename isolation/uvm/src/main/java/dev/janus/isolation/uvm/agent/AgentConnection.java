package dev.janus.isolation.uvm.agent;

import dev.janus.cri.errors.CriException;
import dev.janus.guest.protocol.EventType;
import dev.janus.guest.protocol.Frame;
import dev.janus.guest.protocol.FrameReader;
import dev.janus.guest.protocol.FrameWriter;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.ProtocolException;
import dev.janus.guest.protocol.codec.RecordCodec;
import dev.janus.guest.protocol.ops.ErrorReply;
import dev.janus.guest.protocol.ops.Exited;
import dev.janus.guest.protocol.stream.Endpoint;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's end of one agent session: writes requests, reads frames on its own thread, matches
 * responses to requests by id, routes stream frames and hands events on. Ends, failing everything
 * pending with UNAVAILABLE, when the channel closes or the agent breaks the protocol.
 */
final class AgentConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);

    private record Pending(Op op, CompletableFuture<Record> reply) {
    }

    private final InputStream in;
    private final FrameWriter writer;
    private final Closeable channel;
    private final Endpoint endpoint;
    private final Consumer<Exited> events;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger requestIds = new AtomicInteger();
    private final AtomicInteger streamIds = new AtomicInteger();
    private final AtomicInteger preamblesSent = new AtomicInteger();
    private final CompletableFuture<Void> agentSynced = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile CriException closeCause;

    AgentConnection(InputStream in, OutputStream out, Closeable channel, Consumer<Exited> events) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.writer = new FrameWriter(out);
        this.channel = channel;
        this.endpoint = new Endpoint(writer);
        this.events = events;
    }

    void start() {
        Thread.ofPlatform().daemon().name("guest-agent-reader").start(this::readLoop);
    }

    /** Begins (or begins again) the session on the agent's side. */
    void sendPreamble() throws IOException {
        preamblesSent.incrementAndGet();
        writer.writePreamble();
    }

    CompletableFuture<Void> agentSynced() {
        return agentSynced;
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    boolean isOpen() {
        return !closed.isDone();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    int nextStreamId() {
        int id;
        do {
            id = streamIds.incrementAndGet();
        } while (id == 0);
        return id;
    }

    <R extends Record> CompletableFuture<R> call(Op op, Record request, Class<R> replyType, Duration timeout) {
        if (closed.isDone()) {
            return CompletableFuture.failedFuture(closeCause);
        }
        int id;
        do {
            id = requestIds.incrementAndGet();
        } while (id == 0);
        CompletableFuture<Record> reply = new CompletableFuture<>();
        pending.put(id, new Pending(op, reply));
        try {
            endpoint.send(Frame.request(op, id, RecordCodec.encode(request)));
        } catch (IOException e) {
            pending.remove(id);
            shutdown(AgentErrors.gone("cannot send " + op + ": " + e.getMessage(), e));
            return CompletableFuture.failedFuture(closeCause);
        }
        int sent = id;
        return reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((result, failure) -> {
                    if (failure == null) {
                        return replyType.cast(result);
                    }
                    pending.remove(sent);
                    throw failure instanceof TimeoutException ? AgentErrors.timeout(op, timeout) : AgentErrors.unwrap(failure);
                });
    }

    private void readLoop() {
        FrameReader reader = new FrameReader(in);
        CriException cause;
        try {
            // what precedes the agent's preamble is the tail of an earlier session: skipped
            if (!reader.awaitPreamble()) {
                throw new IOException("the channel closed before the agent answered");
            }
            int seen = 1;
            agentSynced.complete(null);
            Frame frame;
            while ((frame = reader.next()) != null) {
                if (frame == Frame.SYNC) {
                    // the agent began again for a HELLO we repeated; more would be a different agent
                    if (++seen > preamblesSent.get()) {
                        throw new ProtocolException("the agent began a session the host did not ask for");
                    }
                    continue;
                }
                onFrame(frame);
            }
            cause = AgentErrors.gone("end of stream", null);
        } catch (IOException e) {
            cause = AgentErrors.gone(e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.error("guest agent reader failed", e);
            cause = AgentErrors.gone(e.toString(), e);
        }
        shutdown(cause);
    }

    private void onFrame(Frame frame) throws ProtocolException {
        switch (frame.type()) {
            case RESPONSE, ERROR -> onReply(frame);
            case EVENT -> onEvent(frame);
            case DATA, CLOSE, WINDOW, CANCEL -> endpoint.deliver(frame);
            case REQUEST, SYNC -> throw new ProtocolException("the agent sent a " + frame.type());
        }
    }

    private void onReply(Frame frame) {
        Pending request = pending.remove(frame.id());
        if (request == null) {
            LOG.debug("guest agent: reply #{} to no pending request (timed out?)", frame.id());
            return;
        }
        try {
            if (frame.type() == dev.janus.guest.protocol.FrameType.ERROR) {
                request.reply().completeExceptionally(AgentErrors.of(request.op(),
                        RecordCodec.decode(ErrorReply.class, frame.payload())));
            } else {
                request.reply().complete(RecordCodec.decode(request.op().replyType(), frame.payload()));
            }
        } catch (ProtocolException e) {
            request.reply().completeExceptionally(CriException.internal(
                    "guest agent sent an undecodable reply to " + request.op(), e));
        }
    }

    private void onEvent(Frame frame) {
        if (EventType.ofCode(frame.op()).orElse(null) != EventType.EXITED) {
            LOG.debug("guest agent: ignoring event {}", frame.op());
            return;
        }
        try {
            events.accept(RecordCodec.decode(Exited.class, frame.payload()));
        } catch (ProtocolException e) {
            LOG.warn("guest agent sent an undecodable EXITED event: {}", e.getMessage());
        }
    }

    private synchronized void shutdown(CriException cause) {
        if (closed.isDone()) {
            return;
        }
        closeCause = cause;
        endpoint.close();
        pending.values().forEach(p -> p.reply().completeExceptionally(cause));
        pending.clear();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the agent channel: {}", e.getMessage());
        }
        agentSynced.completeExceptionally(cause);
        closed.complete(null);
    }

    CriException closeCause() {
        return closeCause;
    }

    @Override
    public void close() {
        shutdown(AgentErrors.gone("closed by janusd", null));
    }
}
