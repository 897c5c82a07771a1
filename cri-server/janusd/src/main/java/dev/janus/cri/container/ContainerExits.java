package dev.janus.cri.container;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.ContainerEventType;
import dev.janus.cri.events.LifecycleEvents;
import dev.janus.cri.state.Clock;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.isolation.ContainerState;
import dev.janus.isolation.RuntimeHandler;

/**
 * Records that a container's process ended, exactly once, whoever noticed first: the exit
 * watcher, StopContainer, or recovery after a restart.
 */
public final class ContainerExits {

    private ContainerExits() {
    }

    public static ContainerRecord record(CriContext cri, String id) {
        try (var held = cri.locks().lock(id)) {
            ContainerRecord c = cri.containers().get(id);
            if (c == null || c.getPhase() == ContainerRecord.Phase.EXITED
                    || c.getPhase() == ContainerRecord.Phase.CREATING) {
                return c;
            }
            RuntimeHandler handler = cri.handlers().byName(c.getHandler());
            ContainerState state = handler == null ? ContainerState.unknown() : handler.containerState(id);
            if (state.status() == ContainerState.Status.RUNNING || state.status() == ContainerState.Status.CREATED) {
                return c;
            }
            ContainerRecord exited = c.toBuilder()
                    .setPhase(ContainerRecord.Phase.EXITED)
                    .setExitCode(state.exitCode())
                    .setFinishedAtNanos(state.finishedAt() == null ? Clock.nowNanos() : Clock.toNanos(state.finishedAt()))
                    .setReason(reason(state))
                    .setMessage(state.message())
                    .setPid(0)
                    .build();
            cri.containers().put(exited);
            LifecycleEvents.emit(cri, id, c.getSandboxId(), ContainerEventType.CONTAINER_STOPPED_EVENT);
            return exited;
        }
    }

    /** The reasons kubelet knows, as containerd words them. */
    static String reason(ContainerState state) {
        if (state.status() == ContainerState.Status.UNKNOWN) {
            return "Unknown";
        }
        if (state.oomKilled()) {
            return "OOMKilled";
        }
        return state.exitCode() == 0 ? "Completed" : "Error";
    }
}
