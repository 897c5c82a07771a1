package dev.janus.cri.sandbox;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.ContainerEventType;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RemovePodSandboxResponse;
import dev.janus.cri.container.ContainerTeardown;
import dev.janus.cri.events.LifecycleEvents;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.state.SandboxRecord;

/**
 * RemovePodSandbox: stop it if it still runs, remove its containers, free its namespace and
 * files. An unknown id succeeds, since the CRI asks removal to be idempotent.
 */
public final class RemovePodSandbox {

    private final CriContext cri;

    public RemovePodSandbox(CriContext cri) {
        this.cri = cri;
    }

    public RemovePodSandboxResponse handle(RemovePodSandboxRequest request) {
        SandboxRecord sandbox = cri.sandboxes().find(request.getPodSandboxId());
        if (sandbox == null) {
            return RemovePodSandboxResponse.getDefaultInstance();
        }
        String id = sandbox.getId();
        StopPodSandbox.stop(cri, id);
        for (ContainerRecord c : cri.containers().all()) {
            if (c.getSandboxId().equals(id)) {
                try (var held = cri.locks().lock(c.getId())) {
                    ContainerRecord current = cri.containers().get(c.getId());
                    if (current != null) {
                        ContainerTeardown.remove(cri, current);
                    }
                }
            }
        }
        try (var held = cri.locks().lock(id)) {
            SandboxRecord current = cri.sandboxes().get(id);
            if (current != null) {
                SandboxCleanup.remove(cri, current);
            }
        }
        LifecycleEvents.emit(cri, id, id, ContainerEventType.CONTAINER_DELETED_EVENT);
        return RemovePodSandboxResponse.getDefaultInstance();
    }
}
