package dev.janus.guest.agent.session;

import dev.janus.guest.agent.Log;
import dev.janus.guest.agent.link.HostLink;
import dev.janus.guest.protocol.Frame;
import dev.janus.guest.protocol.FrameReader;
import dev.janus.guest.protocol.FrameWriter;
import dev.janus.guest.protocol.ProtocolException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.function.Function;

/**
 * Reads one link: skips to a preamble, serves the session it begins, and begins a new session
 * at each further preamble (a host that reconnected without the agent seeing it leave). A
 * malformed frame ends the session and sends the loop back to looking for a preamble.
 */
public final class SessionLoop {

    private final HostLink link;
    private final FrameWriter writer;
    private final Function<FrameWriter, AgentSession> sessions;

    /**
     * @param writer the link's one writer: on a lasting link (virtio-serial) the same one in
     *     every loop, so a write left over from an old session finishes before the next preamble
     * @param sessions makes the session that begins at a preamble (the agent's bookkeeping)
     */
    public SessionLoop(HostLink link, FrameWriter writer, Function<FrameWriter, AgentSession> sessions) {
        this.link = link;
        this.writer = writer;
        this.sessions = sessions;
    }

    /** Returns when the link's input ends (the host went away); throws if the link broke. */
    public void run() throws IOException {
        FrameReader reader = new FrameReader(new BufferedInputStream(link.in(), 1 << 16));
        AgentSession session = null;
        try {
            while (true) {
                if (session == null) {
                    if (!reader.awaitPreamble()) {
                        return;
                    }
                    session = begin();
                    continue;
                }
                try {
                    Frame frame = reader.next();
                    if (frame == null) {
                        return;
                    }
                    if (frame == Frame.SYNC) {
                        session.end();
                        session = begin();
                    } else {
                        session.onFrame(frame);
                    }
                } catch (ProtocolException e) {
                    Log.warn("session %d: %s; waiting for the host to begin again", session.number(), e.getMessage());
                    session.end();
                    session = null;
                }
            }
        } finally {
            if (session != null) {
                session.end();
            }
        }
    }

    private AgentSession begin() throws IOException {
        writer.writePreamble();
        return sessions.apply(writer);
    }
}
