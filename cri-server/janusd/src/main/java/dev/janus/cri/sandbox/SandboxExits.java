package dev.janus.cri.sandbox;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.ContainerEventType;
import dev.janus.cri.events.LifecycleEvents;
import dev.janus.cri.state.SandboxRecord;

/**
 * A sandbox's holder ended on its own (the pause process died, the VM crashed): the sandbox is
 * no longer ready. Its network stays attached until kubelet stops the sandbox.
 */
public final class SandboxExits {

    private SandboxExits() {
    }

    public static void record(CriContext cri, String id) {
        try (var held = cri.locks().lock(id)) {
            SandboxRecord sandbox = cri.sandboxes().get(id);
            if (sandbox == null || sandbox.getPhase() != SandboxRecord.Phase.READY) {
                return;
            }
            cri.sandboxes().put(sandbox.toBuilder().setPhase(SandboxRecord.Phase.NOT_READY).setPid(0).build());
        }
        LifecycleEvents.emit(cri, id, id, ContainerEventType.CONTAINER_STOPPED_EVENT);
    }
}
