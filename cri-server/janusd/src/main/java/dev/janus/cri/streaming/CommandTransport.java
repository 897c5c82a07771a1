package dev.janus.cri.streaming;

import dev.janus.isolation.ProcessStreams;

/** What an exec or attach session needs of the connection carrying it (SPDY or WebSocket). */
interface CommandTransport {

    /** Where output of {@code source} goes; null if the client did not ask for it (it is dropped). */
    Outbound output(ProcessStreams.Source source);

    /**
     * Ends the session: finishes the output streams, sends {@code status} on the error stream in
     * the negotiated protocol's form, and closes the connection once that is written.
     */
    void finish(KubeStatus status);
}
