package dev.janus.guest.agent.link;

import java.io.IOException;

/** Where the agent's sessions come from: the virtio-serial port, AF_VSOCK, or a test socket. */
public interface AgentTransport {

    /** Blocks until a link to a host exists (or, for a lasting link, returns it again). */
    HostLink awaitLink() throws IOException;

    String describe();
}
