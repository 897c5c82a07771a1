package dev.janus.cri.container;

import dev.janus.cri.faults.CrashPoint;
import dev.janus.cri.CriContext;
import dev.janus.cri.api.ContainerEventType;
import dev.janus.cri.api.Signal;
import dev.janus.cri.events.LifecycleEvents;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.isolation.RuntimeHandler;
import java.time.Duration;

/** Stopping and removing a container, shared by the container verbs and the sandbox verbs. */
public final class ContainerTeardown {

    private ContainerTeardown() {
    }

    /** Signals a running container and waits until it exited; others are left as they are. */
    public static void stop(CriContext cri, ContainerRecord c, Duration timeout) {
        if (c.getPhase() != ContainerRecord.Phase.RUNNING) {
            return;
        }
        RuntimeHandler handler = cri.handlers().byName(c.getHandler());
        CrashPoint.STOP_BEGIN.reached();
        if (handler != null) {
            handler.stopContainer(c.getId(), timeout, stopSignal(c));
        }
        CrashPoint.STOP_PROCESS_ENDED.reached();
        ContainerExits.record(cri, c.getId());
        CrashPoint.STOP_RECORDED.reached();
    }

    /** Kills whatever still runs, frees the writable layer and the image reference, forgets it. */
    public static void remove(CriContext cri, ContainerRecord c) {
        RuntimeHandler handler = cri.handlers().byName(c.getHandler());
        CrashPoint.REMOVE_BEGIN.reached();
        if (handler != null) {
            handler.removeContainer(c.getId());
        }
        CrashPoint.REMOVE_HANDLER_REMOVED.reached();
        cri.images().releaseLayers(c.getId());
        cri.containers().delete(c.getId());
        CrashPoint.REMOVE_RECORD_DELETED.reached();
        cri.locks().forget(c.getId());
        LifecycleEvents.emit(cri, c.getId(), c.getSandboxId(), ContainerEventType.CONTAINER_DELETED_EVENT);
    }

    /** The config's stop signal, else the image's, else SIGTERM (the handler's default). */
    static String stopSignal(ContainerRecord c) {
        Signal configured = c.getConfig().getStopSignal();
        if (configured != Signal.SIGNAL_RUNTIME_DEFAULT && configured != Signal.UNRECOGNIZED) {
            return configured.name().substring("SIGNAL_".length());
        }
        return c.getImageStopSignal().isEmpty() ? null : c.getImageStopSignal();
    }
}
