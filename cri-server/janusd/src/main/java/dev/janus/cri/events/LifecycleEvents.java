package dev.janus.cri.events;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.ContainerEventResponse;
import dev.janus.cri.api.ContainerEventType;
import dev.janus.cri.container.ContainerViews;
import dev.janus.cri.sandbox.SandboxViews;
import dev.janus.cri.state.Clock;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.state.SandboxRecord;

/**
 * Builds the events kubelet's evented PLEG reads: each carries the pod's status and the status
 * of all its containers as they are after the change. Sandboxes get events too, under the
 * sandbox id, as containerd sends them.
 */
public final class LifecycleEvents {

    private LifecycleEvents() {
    }

    public static void emit(CriContext cri, String subjectId, String sandboxId, ContainerEventType type) {
        ContainerEventResponse.Builder event = ContainerEventResponse.newBuilder()
                .setContainerId(subjectId)
                .setContainerEventType(type)
                .setCreatedAt(Clock.nowNanos());
        SandboxRecord sandbox = cri.sandboxes().get(sandboxId);
        if (sandbox != null) {
            event.setPodSandboxStatus(SandboxViews.status(sandbox));
        }
        for (ContainerRecord c : cri.containers().all()) {
            if (c.getSandboxId().equals(sandboxId) && ContainerViews.visible(c)) {
                event.addContainersStatuses(ContainerViews.status(c));
            }
        }
        cri.events().publish(event.build());
    }
}
