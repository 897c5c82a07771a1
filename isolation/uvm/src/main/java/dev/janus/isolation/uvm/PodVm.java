package dev.janus.isolation.uvm;

import dev.janus.cri.errors.CriException;
import dev.janus.isolation.uvm.agent.AgentClient;
import dev.janus.isolation.uvm.vm.Vm;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pod's VM as the handler holds it: the VM, the agent session, the attached layers and the
 * containers. A pod whose VM is gone (stopped, crashed, or found dead after a restart) keeps
 * its record and containers, with no VM, until RemovePodSandbox.
 *
 * <pre>
 *   booting --agent configured--> running --StopPodSandbox / VM exit--> stopped --remove--> (gone)
 * </pre>
 */
final class PodVm {

    private final Path dir;
    private final Map<String, VmContainer> containers = new ConcurrentHashMap<>();
    private volatile SandboxFile sandbox;
    private volatile Vm vm;
    private volatile AgentClient agent;
    private volatile LayerAttachments layers;
    private volatile boolean stopping;

    PodVm(Path dir, SandboxFile sandbox) {
        this.dir = dir;
        this.sandbox = sandbox;
    }

    String id() {
        return sandbox.id();
    }

    Path dir() {
        return dir;
    }

    SandboxFile sandbox() {
        return sandbox;
    }

    void connected(Vm newVm, AgentClient newAgent, LayerAttachments newLayers) {
        vm = newVm;
        agent = newAgent;
        layers = newLayers;
    }

    /** The VM runs and janusd talks to its agent. */
    boolean running() {
        Vm current = vm;
        AgentClient session = agent;
        return current != null && !current.exit().isDone() && session != null && session.isOpen() && !stopping;
    }

    Vm vm() {
        return vm;
    }

    /** The agent, or FAILED_PRECONDITION when the VM is not running. */
    AgentClient agent() {
        if (!running()) {
            throw CriException.precondition("the utility VM of sandbox %s is not running", id());
        }
        return agent;
    }

    AgentClient agentOrNull() {
        return agent;
    }

    LayerAttachments layers() {
        return layers;
    }

    /** StopPodSandbox began: the VM's end that follows is expected. */
    void stopping() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    /** Records that the VM was stopped on purpose, so a restarted janusd does not look for it. */
    void stopped() {
        stopping = true;
        sandbox = sandbox.withStopped();
        StateFiles.write(StateFiles.sandbox(dir), sandbox);
    }

    void add(VmContainer container) {
        containers.put(container.id(), container);
    }

    void remove(String containerId) {
        containers.remove(containerId);
    }

    VmContainer container(String containerId) {
        return containers.get(containerId);
    }

    Collection<VmContainer> containers() {
        return containers.values();
    }
}
