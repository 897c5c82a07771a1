package dev.janus.cri.streaming;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.AttachRequest;
import dev.janus.cri.api.AttachResponse;
import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.isolation.RuntimeHandler;
import dev.janus.isolation.Stdio;

/**
 * Attach: returns a single-use URL to the stdio of a running container. Client stdin reaches the
 * container only if it was created with stdin; for a container whose stdin stays open after a
 * client (not stdin_once), the client's end of stdin ends the attach, as in cri-o. The terminal
 * is the container's own.
 */
public final class AttachVerb {

    private final CriContext cri;
    private final StreamingServer server;

    public AttachVerb(CriContext cri, StreamingServer server) {
        this.cri = cri;
        this.server = server;
    }

    public AttachResponse handle(AttachRequest request) {
        if (request.getContainerId().isEmpty()) {
            throw CriException.invalid("missing required container_id");
        }
        Stdio stdio = new Stdio(request.getStdin(), request.getStdout(), request.getStderr(), request.getTty());
        StdioRules.check(stdio);
        ContainerRecord c = cri.containers().resolve(request.getContainerId());
        if (c.getPhase() != ContainerRecord.Phase.RUNNING) {
            throw CriException.precondition("container %s is not running: cannot attach to it", c.getId());
        }
        RuntimeHandler handler = StreamingHandlers.of(cri, c.getHandler(), "container " + c.getId());
        ContainerConfig config = c.getConfig();
        String id = c.getId();
        Stdio own = new Stdio(stdio.stdin(), stdio.stdout(), stdio.stderr(), config.getTty());
        StreamTarget target = new StreamTarget.RemoteCommand("attach", id, stdio, stdio.stdin() && config.getStdin(),
                !config.getStdinOnce(), () -> handler.attach(id, own));
        return AttachResponse.newBuilder().setUrl(server.url(target)).build();
    }
}
