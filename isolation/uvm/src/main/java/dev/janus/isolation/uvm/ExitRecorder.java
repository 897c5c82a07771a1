package dev.janus.isolation.uvm;

import dev.janus.isolation.ContainerState;
import dev.janus.isolation.host.HostCgroup;
import dev.janus.isolation.uvm.agent.AgentClient;
import dev.janus.isolation.uvm.vm.Vm;
import dev.janus.isolation.uvm.vm.VmExit;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the guest and the VM host report into recorded exits and events: the agent's
 * EXITED event (or a wait's answer) ends a container; the end of the VM ends every container
 * still running in it, with a message that names the VM's exit, and, when nobody asked for it,
 * the sandbox too.
 */
final class ExitRecorder {

    /** Exit code of containers that died with their VM: the runtime could not see them end. */
    static final int LOST = 255;
    private static final Logger LOG = LoggerFactory.getLogger(ExitRecorder.class);
    private static final long DRAIN_MILLIS = 2000;

    private final ExitEvents events;

    ExitRecorder(ExitEvents events) {
        this.events = events;
    }

    /** Listens to the pod's agent and VM; call once the pod is connected. */
    void watch(PodVm pod) {
        AgentClient agent = pod.agentOrNull();
        Vm vm = pod.vm();
        agent.onExit(exited -> {
            VmContainer container = pod.container(exited.containerId());
            if (exited.execId().isEmpty() && container != null) {
                container(container, exited.exitCode(), exited.finishedAtUnixNanos(), exited.oomKilled(), "");
            }
        });
        vm.exit().thenAccept(exit -> vmEnded(pod, exit));
    }

    /** Records a container's end once its output is in the log (the guest closes it first). */
    void container(VmContainer container, int exitCode, long atNanos, boolean oomKilled, String why) {
        OutputRelay relay = container.relay();
        if (relay != null) {
            try {
                relay.ended().get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debug("output of {} still open at its exit: {}", container.id(), e.toString());
            }
        }
        long at = atNanos > 0 ? atNanos : ContainerFile.nanos(Instant.now());
        if (container.exited(exitCode, at, oomKilled, why)) {
            LOG.info("container {} exited {}{}{}", container.id(), exitCode, oomKilled ? " (OOM killed)" : "",
                    why.isEmpty() ? "" : ": " + why);
            events.fire(container.id(), exitCode, ContainerFile.instant(at));
        }
    }

    /** Every container that was not ended yet ends with the pod's VM. */
    void podEnded(PodVm pod, String why, Instant at) {
        for (VmContainer container : pod.containers()) {
            ContainerState.Status status = container.file().status();
            if (status == ContainerState.Status.RUNNING || status == ContainerState.Status.CREATED) {
                container(container, LOST, ContainerFile.nanos(at), false, why);
            }
        }
    }

    /** The VM host's exit reason, said so that a person reading kubectl describe knows what happened. */
    static String describe(String reason) {
        return switch (reason) {
            case "vanished" -> "the hypervisor process died without shutting the guest down (vanished)";
            case "guest-panic" -> "the guest kernel panicked (guest-panic)";
            case "guest-shutdown" -> "the guest powered itself off, its agent gone (guest-shutdown)";
            case "host-signal" -> "the hypervisor was signalled to quit (host-signal)";
            default -> reason;
        };
    }

    private void vmEnded(PodVm pod, VmExit exit) {
        boolean expected = pod.isStopping();
        String cgroup = pod.sandbox().cgroup();
        boolean oomKilled = !expected && !cgroup.isEmpty() && HostCgroup.of(cgroup).oomKills() > 0;
        String why = expected ? "its pod's utility VM was shut down"
                : oomKilled ? "its pod's utility VM was killed by the host's OOM killer: the pod's cgroup has no room"
                        + " for the VM beside the pod's memory limit (give the linux-vm RuntimeClass more overhead)"
                : "its pod's utility VM ended unexpectedly: " + describe(exit.reason());
        if (!expected) {
            LOG.warn("the utility VM of sandbox {} ended unexpectedly: {}", pod.id(),
                    oomKilled ? "OOM-killed in cgroup " + cgroup : exit.reason());
        }
        AgentClient agent = pod.agentOrNull();
        if (agent != null) {
            agent.close(); // its streams fail: the log relays end at once
        }
        podEnded(pod, why, exit.at());
        if (!expected) {
            events.fire(pod.id(), exit.clean() ? 0 : LOST, exit.at());
        }
    }
}
