package dev.janus.cri.container;

import com.google.protobuf.ByteString;
import dev.janus.cri.CriContext;
import dev.janus.cri.api.ExecSyncRequest;
import dev.janus.cri.api.ExecSyncResponse;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.validation.Commands;
import dev.janus.cri.validation.Timeouts;
import dev.janus.isolation.ExecRequest;
import dev.janus.isolation.ExecResult;
import java.time.Duration;

/**
 * ExecSync: run a command in a running container and return its output, capped. A command
 * that outlives the timeout is killed and the call ends with DEADLINE_EXCEEDED.
 */
public final class ExecSync {

    private final CriContext cri;

    public ExecSync(CriContext cri) {
        this.cri = cri;
    }

    public ExecSyncResponse handle(ExecSyncRequest request) {
        if (request.getCmdCount() == 0) {
            throw CriException.invalid("cmd is required: exec needs a command");
        }
        Commands.check("cmd", request.getCmdList());
        ContainerRecord c = cri.containers().resolve(request.getContainerId());
        if (c.getPhase() != ContainerRecord.Phase.RUNNING) {
            throw CriException.precondition("container %s is not running: cannot exec in it", c.getId());
        }
        Duration timeout = Timeouts.seconds(request.getTimeout());
        ExecResult result = cri.handlers().byName(c.getHandler()).execSync(c.getId(),
                new ExecRequest(request.getCmdList(), timeout, cri.config().exec().maxOutputBytes()));
        if (result.timedOut()) {
            throw new CriException(CriException.Kind.DEADLINE_EXCEEDED, String.format(
                    "command %s in container %s timed out after %ds and was killed",
                    request.getCmdList(), c.getId(), timeout.toSeconds()));
        }
        return ExecSyncResponse.newBuilder()
                .setStdout(ByteString.copyFrom(result.stdout()))
                .setStderr(ByteString.copyFrom(result.stderr()))
                .setExitCode(result.exitCode())
                .build();
    }
}
