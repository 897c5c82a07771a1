package dev.janus.cri.container;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.ReopenContainerLogRequest;
import dev.janus.cri.api.ReopenContainerLogResponse;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.state.ContainerRecord;

/** ReopenContainerLog: after kubelet rotated the file, the monitor writes to a new one. */
public final class ReopenContainerLog {

    private final CriContext cri;

    public ReopenContainerLog(CriContext cri) {
        this.cri = cri;
    }

    public ReopenContainerLogResponse handle(ReopenContainerLogRequest request) {
        ContainerRecord c = cri.containers().resolve(request.getContainerId());
        if (c.getPhase() != ContainerRecord.Phase.RUNNING) {
            throw CriException.precondition("container %s is not running: its log cannot be reopened", c.getId());
        }
        cri.handlers().byName(c.getHandler()).reopenLog(c.getId());
        return ReopenContainerLogResponse.getDefaultInstance();
    }
}
