package dev.janus.cri.streaming;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.PortForwardRequest;
import dev.janus.cri.api.PortForwardResponse;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.state.SandboxRecord;
import dev.janus.isolation.RuntimeHandler;
import java.util.List;

/**
 * PortForward: returns a single-use URL through which the client reaches ports on the loopback
 * of a ready pod's network; SPDY clients name the port per connection, WebSocket clients in the
 * URL or through the request's ports.
 */
public final class PortForwardVerb {

    private final CriContext cri;
    private final StreamingServer server;

    public PortForwardVerb(CriContext cri, StreamingServer server) {
        this.cri = cri;
        this.server = server;
    }

    public PortForwardResponse handle(PortForwardRequest request) {
        if (request.getPodSandboxId().isEmpty()) {
            throw CriException.invalid("missing required pod_sandbox_id");
        }
        for (int port : request.getPortList()) {
            if (port < 1 || port > 65535) {
                throw CriException.invalid("port %d is not in 1-65535", port);
            }
        }
        SandboxRecord sandbox = cri.sandboxes().resolve(request.getPodSandboxId());
        if (sandbox.getPhase() != SandboxRecord.Phase.READY) {
            throw CriException.precondition("sandbox %s is not ready: cannot forward ports to it", sandbox.getId());
        }
        RuntimeHandler handler = StreamingHandlers.of(cri, sandbox.getHandler(), "sandbox " + sandbox.getId());
        String id = sandbox.getId();
        StreamTarget target = new StreamTarget.PortForward(id, List.copyOf(request.getPortList()),
                port -> handler.openPort(id, port));
        return PortForwardResponse.newBuilder().setUrl(server.url(target)).build();
    }
}
