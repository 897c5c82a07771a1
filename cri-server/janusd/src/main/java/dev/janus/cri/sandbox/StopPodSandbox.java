package dev.janus.cri.sandbox;

import dev.janus.cri.faults.CrashPoint;
import dev.janus.cri.CriContext;
import dev.janus.cri.api.ContainerEventType;
import dev.janus.cri.api.StopPodSandboxRequest;
import dev.janus.cri.api.StopPodSandboxResponse;
import dev.janus.cri.container.ContainerTeardown;
import dev.janus.cri.events.LifecycleEvents;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.state.SandboxRecord;
import java.time.Duration;

/**
 * StopPodSandbox: kill the pod's containers, stop its holder, detach its network (freeing the
 * pod's IP). Repeating it is harmless; the namespace stays until RemovePodSandbox.
 */
public final class StopPodSandbox {

    private final CriContext cri;

    public StopPodSandbox(CriContext cri) {
        this.cri = cri;
    }

    public StopPodSandboxResponse handle(StopPodSandboxRequest request) {
        SandboxRecord sandbox = cri.sandboxes().resolve(request.getPodSandboxId());
        stop(cri, sandbox.getId());
        return StopPodSandboxResponse.getDefaultInstance();
    }

    static void stop(CriContext cri, String sandboxId) {
        for (ContainerRecord c : cri.containers().all()) {
            if (c.getSandboxId().equals(sandboxId)) {
                try (var held = cri.locks().lock(c.getId())) {
                    ContainerRecord current = cri.containers().get(c.getId());
                    if (current != null) {
                        ContainerTeardown.stop(cri, current, Duration.ZERO);
                    }
                }
            }
        }
        CrashPoint.STOP_POD_CONTAINERS_STOPPED.reached();
        boolean wasReady;
        try (var held = cri.locks().lock(sandboxId)) {
            SandboxRecord sandbox = cri.sandboxes().get(sandboxId);
            if (sandbox == null) {
                return;
            }
            wasReady = sandbox.getPhase() == SandboxRecord.Phase.READY;
            SandboxCleanup.stop(cri, sandbox);
        }
        if (wasReady) {
            LifecycleEvents.emit(cri, sandboxId, sandboxId, ContainerEventType.CONTAINER_STOPPED_EVENT);
        }
    }
}
