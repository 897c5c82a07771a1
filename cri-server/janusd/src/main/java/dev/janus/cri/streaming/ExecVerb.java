package dev.janus.cri.streaming;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.ExecRequest;
import dev.janus.cri.api.ExecResponse;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.validation.Commands;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.isolation.RuntimeHandler;
import dev.janus.isolation.Stdio;
import java.util.List;

/**
 * Exec: checks the request as kubelet's streaming server does and that the container runs, and
 * returns a single-use URL; the command starts when the client connects to it.
 */
public final class ExecVerb {

    private final CriContext cri;
    private final StreamingServer server;

    public ExecVerb(CriContext cri, StreamingServer server) {
        this.cri = cri;
        this.server = server;
    }

    public ExecResponse handle(ExecRequest request) {
        if (request.getContainerId().isEmpty()) {
            throw CriException.invalid("missing required container_id");
        }
        if (request.getCmdCount() == 0) {
            throw CriException.invalid("cmd is required: exec needs a command");
        }
        Commands.check("cmd", request.getCmdList());
        Stdio stdio = new Stdio(request.getStdin(), request.getStdout(), request.getStderr(), request.getTty());
        StdioRules.check(stdio);
        ContainerRecord c = cri.containers().resolve(request.getContainerId());
        if (c.getPhase() != ContainerRecord.Phase.RUNNING) {
            throw CriException.precondition("container %s is not running: cannot exec in it", c.getId());
        }
        RuntimeHandler handler = StreamingHandlers.of(cri, c.getHandler(), "container " + c.getId());
        List<String> command = List.copyOf(request.getCmdList());
        String id = c.getId();
        StreamTarget target = new StreamTarget.RemoteCommand("exec", id, stdio, stdio.stdin(), false,
                () -> handler.exec(id, command, stdio));
        return ExecResponse.newBuilder().setUrl(server.url(target)).build();
    }
}
