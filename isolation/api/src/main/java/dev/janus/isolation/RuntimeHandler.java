package dev.janus.isolation;

import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.errors.CriException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One RuntimeClass handler: runs sandboxes and their containers with one isolation backend.
 * cri-server owns the CRI state (names, metadata, the store); a handler owns only what it
 * starts, keyed by the sandbox and container ids cri-server gives it, and can find it again
 * after janusd restarts.
 *
 * <p>Every method is idempotent where the CRI verb is: stopping a stopped sandbox or removing a
 * removed container succeeds. State queries of an id the handler does not have return the
 * {@code UNKNOWN} status, never throw. Other failures throw
 * {@link dev.janus.cri.errors.CriException}.
 */
public interface RuntimeHandler {

    /** The handler name kubelet sends (RuntimeClass {@code handler}). */
    String name();

    /** Starts the sandbox's holder (a pause process, or a VM) in the sandbox's namespaces. */
    SandboxStarted startSandbox(SandboxSpec spec);

    /** Stops everything of the sandbox that runs; containers were stopped before. */
    void stopSandbox(String sandboxId, Duration timeout);

    /** Removes all the handler keeps for the sandbox: processes, mounts, files. */
    void removeSandbox(String sandboxId);

    SandboxState sandboxState(String sandboxId);

    void createContainer(ContainerSpec spec);

    void startContainer(String containerId);

    /** Sends {@code stopSignal} (SIGTERM when null), then SIGKILL once {@code timeout} passed. */
    void stopContainer(String containerId, Duration timeout, String stopSignal);

    void removeContainer(String containerId);

    ContainerState containerState(String containerId);

    ExecResult execSync(String containerId, ExecRequest request);

    ContainerUsage containerUsage(String containerId);

    void updateResources(String containerId, LinuxContainerResources resources);

    /**
     * The whole pod's usage when this handler measures the pod as one (a VM holding all of the
     * pod's processes); null, the default, when a pod is its holder plus its containers.
     */
    default ContainerUsage podUsage(String sandboxId) {
        return null;
    }

    /**
     * Whether {@link #exec}, {@link #attach} and {@link #openPort} work with this handler; when
     * not, cri-server answers the Exec, Attach and PortForward RPCs UNIMPLEMENTED up front.
     */
    default boolean supportsStreaming() {
        return false;
    }

    /**
     * Starts {@code command} in a running container with its stdio as live streams (CRI Exec
     * through the streaming server). The process starts once this returns, so no output is lost.
     * Backends that cannot do it yet answer UNIMPLEMENTED.
     */
    default ProcessStreams exec(String containerId, List<String> command, Stdio stdio) {
        throw new CriException(CriException.Kind.UNIMPLEMENTED,
                "runtime handler " + name() + " does not support streaming exec yet");
    }

    /**
     * Reaches the stdio of the container's main process (CRI Attach), through whatever holds it,
     * so that it works for a container started before janusd restarted. Output the process wrote
     * before the attach is not replayed (it is in the container's log).
     */
    default ProcessStreams attach(String containerId, Stdio stdio) {
        throw new CriException(CriException.Kind.UNIMPLEMENTED,
                "runtime handler " + name() + " does not support attach yet");
    }

    /**
     * A connection to {@code port} on the loopback of the sandbox's network (CRI PortForward):
     * inside the pod's network namespace for a Linux process sandbox, inside the VM for a VM
     * sandbox. The channel is connected and in blocking mode; the caller owns and closes it.
     * A refused or unreachable port throws UNAVAILABLE.
     */
    default SocketChannel openPort(String sandboxId, int port) {
        throw new CriException(CriException.Kind.UNIMPLEMENTED,
                "runtime handler " + name() + " does not support port forwarding yet");
    }

    /** Makes the container's monitor reopen its log file (after kubelet rotated it). */
    void reopenLog(String containerId);

    /** Ids of every sandbox and container this handler still holds, for leak sweeps at start. */
    Set<String> heldIds();

    /** Called, on some handler thread, each time a container or sandbox holder exits. */
    void onExit(Consumer<ExitEvent> listener);
}
