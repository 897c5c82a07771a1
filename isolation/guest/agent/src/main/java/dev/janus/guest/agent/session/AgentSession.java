package dev.janus.guest.agent.session;

import dev.janus.guest.agent.Log;
import dev.janus.guest.protocol.EventType;
import dev.janus.guest.protocol.Frame;
import dev.janus.guest.protocol.FrameWriter;
import dev.janus.guest.protocol.ProtocolException;
import dev.janus.guest.protocol.codec.RecordCodec;
import dev.janus.guest.protocol.stream.Endpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One host session: from a preamble to the end of the link or the next preamble. Requests run
 * through the dispatcher; stream frames go to the session's endpoint. What belongs to the
 * session alone (exec'd processes, port forwards) registers an end action here.
 */
public final class AgentSession {

    private final long number;
    private final Endpoint endpoint;
    private final Dispatcher dispatcher;
    private final AtomicInteger events = new AtomicInteger();
    private final List<Runnable> endActions = new ArrayList<>();
    private volatile boolean greeted;
    private boolean ended;

    public AgentSession(long number, FrameWriter writer, Dispatcher dispatcher) {
        this.number = number;
        this.endpoint = new Endpoint(writer);
        this.dispatcher = dispatcher;
    }

    public long number() {
        return number;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public boolean isOpen() {
        return endpoint.isOpen();
    }

    boolean greeted() {
        return greeted;
    }

    /** HELLO succeeded: other requests are served, events are sent. */
    public void greet() {
        greeted = true;
    }

    /**
     * Runs {@code action} when the session ends (at once if it already has).
     *
     * @return forgets the action, for what ended before the session did
     */
    public Runnable onEnd(Runnable action) {
        synchronized (endActions) {
            if (!ended) {
                endActions.add(action);
                return () -> {
                    synchronized (endActions) {
                        endActions.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> { };
    }

    void onFrame(Frame frame) throws ProtocolException {
        switch (frame.type()) {
            case REQUEST -> dispatcher.dispatch(frame, this);
            case DATA, CLOSE, WINDOW, CANCEL -> endpoint.deliver(frame);
            default -> Log.warn("session %d: ignoring %s, which only the agent sends", number, frame);
        }
    }

    /** Best effort: an event for a session that just ended is dropped (LIST_CONTAINERS keeps the truth). */
    public void sendEvent(EventType type, Record event) {
        if (!greeted) {
            return;
        }
        try {
            endpoint.send(Frame.event(type, events.incrementAndGet(), RecordCodec.encode(event)));
        } catch (IOException e) {
            Log.debug("session %d: event %s not sent: %s", number, type, e.getMessage());
        }
    }

    public void end() {
        endpoint.close();
        List<Runnable> actions;
        synchronized (endActions) {
            if (ended) {
                return;
            }
            ended = true;
            actions = List.copyOf(endActions);
            endActions.clear();
        }
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                Log.error("session " + number + " end action failed", e);
            }
        }
        Log.info("session %d ended", number);
    }
}
