package dev.janus.cri.container;

import dev.janus.cri.faults.CrashPoint;
import dev.janus.cri.CriContext;
import dev.janus.cri.api.ContainerEventType;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StartContainerResponse;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.events.LifecycleEvents;
import dev.janus.cri.state.Clock;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.state.SandboxRecord;
import dev.janus.isolation.ContainerState;
import dev.janus.isolation.RuntimeHandler;

/** StartContainer: only a CREATED container in a ready sandbox starts, and only once. */
public final class StartContainer {

    private final CriContext cri;

    public StartContainer(CriContext cri) {
        this.cri = cri;
    }

    public StartContainerResponse handle(StartContainerRequest request) {
        ContainerRecord c = cri.containers().resolve(request.getContainerId());
        try (var held = cri.locks().lock(c.getId())) {
            c = cri.containers().resolve(c.getId());
            if (c.getPhase() != ContainerRecord.Phase.CREATED) {
                throw CriException.precondition("container %s is in %s state: only a created container can"
                        + " be started", c.getId(), ContainerViews.state(c));
            }
            SandboxRecord sandbox = cri.sandboxes().get(c.getSandboxId());
            if (sandbox == null || sandbox.getPhase() != SandboxRecord.Phase.READY) {
                throw CriException.precondition("sandbox %s of container %s is not ready", c.getSandboxId(), c.getId());
            }
            RuntimeHandler handler = cri.handlers().byName(c.getHandler());
            CrashPoint.START_BEGIN.reached();
            handler.startContainer(c.getId());
            CrashPoint.START_PROCESS_STARTED.reached();
            ContainerState state = handler.containerState(c.getId());
            cri.containers().put(c.toBuilder()
                    .setPhase(ContainerRecord.Phase.RUNNING)
                    .setStartedAtNanos(state.startedAt() == null ? Clock.nowNanos() : Clock.toNanos(state.startedAt()))
                    .setPid(state.pid())
                    .build());
            CrashPoint.START_RECORDED.reached();
        }
        LifecycleEvents.emit(cri, c.getId(), c.getSandboxId(), ContainerEventType.CONTAINER_STARTED_EVENT);
        // A process that ended at once may have exited before it was recorded as running.
        ContainerExits.record(cri, c.getId());
        return StartContainerResponse.getDefaultInstance();
    }
}
