package dev.janus.isolation.uvm;

import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.errors.CriException;
import dev.janus.guest.protocol.ops.ContainerStats;
import dev.janus.guest.protocol.ops.WaitContainer;
import dev.janus.isolation.ContainerState;
import dev.janus.isolation.ContainerUsage;
import dev.janus.isolation.ExecRequest;
import dev.janus.isolation.ExecResult;
import dev.janus.isolation.uvm.agent.AgentClient;
import dev.janus.isolation.uvm.agent.ProcessStreams;
import dev.janus.isolation.uvm.agent.StdioRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What runs in a VM pod's containers: start (its output relayed into the CRI log), stop with the
 * stop signal then SIGKILL, ExecSync, stats, resource updates and log reopening, all through the
 * guest agent.
 */
final class VmProcesses {

    private static final Duration KILL_WAIT = Duration.ofSeconds(30);

    private final PodTable table;
    private final GuestSpecs specs;
    private final ExitRecorder exits;

    VmProcesses(PodTable table, GuestSpecs specs, ExitRecorder exits) {
        this.table = table;
        this.specs = specs;
        this.exits = exits;
    }

    void start(String containerId) {
        VmContainer container = table.require(containerId);
        AgentClient agent = table.podOf(containerId).agent();
        ContainerFile file = container.file();
        if (file.status() != ContainerState.Status.CREATED) {
            throw CriException.precondition("container %s is %s, not created", containerId, file.status());
        }
        long at = ContainerFile.nanos(Instant.now());
        ProcessStreams streams = AgentClient.await(agent.startContainer(containerId, stdio(file)));
        relay(container, streams);
        container.started(streams.pid(), at);
    }

    /** The streams a container's log (and its stdin) needs. */
    static StdioRequest stdio(ContainerFile file) {
        return file.tty() ? StdioRequest.terminal(file.stdin(), 0, 0) : new StdioRequest(file.stdin(), true, true, 0, 0);
    }

    /** Relays the container's output into its log from now on (at start, or after a restart). */
    static void relay(VmContainer container, ProcessStreams streams) {
        ContainerFile file = container.file();
        CriLogWriter log = new CriLogWriter(file.logPath().isEmpty() ? null : Path.of(file.logPath()),
                Clock.systemUTC());
        container.io(new OutputRelay(file.id(), log, streams.stdout(), streams.stderr()), streams.stdin());
    }

    void stop(String containerId, Duration timeout, String stopSignal) {
        VmContainer container = table.container(containerId);
        PodVm pod = table.podOf(containerId);
        if (container == null || container.file().status() != ContainerState.Status.RUNNING || !pod.running()) {
            return;
        }
        AgentClient agent = pod.agent();
        if (!timeout.isZero()) {
            AgentClient.await(agent.signal(containerId, "", Signals.number(stopSignal), false));
            WaitContainer.Reply waited = AgentClient.await(agent.waitContainer(containerId, timeout));
            if (waited.exited()) {
                exits.container(container, waited.exitCode(), waited.finishedAtUnixNanos(), waited.oomKilled(), "");
                return;
            }
        }
        AgentClient.await(agent.signal(containerId, "", Signals.SIGKILL, true));
        WaitContainer.Reply killed = AgentClient.await(agent.waitContainer(containerId, KILL_WAIT));
        if (!killed.exited()) {
            throw CriException.internal("container " + containerId + " did not exit after SIGKILL", null);
        }
        exits.container(container, killed.exitCode(), killed.finishedAtUnixNanos(), killed.oomKilled(), "");
    }

    ExecResult execSync(String containerId, ExecRequest request) {
        AgentClient agent = running(containerId, "exec in");
        byte[] process = table.require(containerId).execProcess(request.command(), false);
        return AgentClient.await(agent.execSync(containerId, request.command(), process, request.timeout(),
                request.maxOutputBytes()));
    }

    /** Null when it does not run (no cgroup to read), as the seam's other handlers answer. */
    ContainerUsage usage(String containerId) {
        VmContainer container = table.container(containerId);
        PodVm pod = table.podOf(containerId);
        if (container == null || container.file().status() != ContainerState.Status.RUNNING || !pod.running()) {
            return null;
        }
        ContainerStats.Reply stats = AgentClient.await(pod.agent().containerStats(containerId));
        if (!stats.cgroupFound()) {
            return null;
        }
        return new ContainerUsage(ContainerFile.instant(stats.timestampUnixNanos()), stats.cpuUsageNanos(),
                stats.memoryWorkingSetBytes(), stats.memoryUsageBytes(), stats.memoryRssBytes(), stats.pageFaults(),
                stats.majorPageFaults(), stats.writableLayerBytes(), stats.writableLayerInodes());
    }

    /**
     * Running: the agent sets the cgroup files. Created: the guest has no cgroup yet, so the
     * container is created again there with the new resources in its spec.
     */
    void update(String containerId, LinuxContainerResources resources) {
        VmContainer container = table.require(containerId);
        PodVm pod = table.podOf(containerId);
        AgentClient agent = pod.agent();
        ContainerFile file = container.file();
        switch (file.status()) {
            case RUNNING -> AgentClient.await(agent.updateResources(containerId, specs.resources(resources)));
            case CREATED -> recreate(pod, agent, file, resources);
            default -> throw CriException.precondition("container %s is %s: its resources cannot be updated",
                    containerId, file.status());
        }
    }

    private void recreate(PodVm pod, AgentClient agent, ContainerFile file, LinuxContainerResources resources) {
        Path specFile = StateFiles.spec(pod.dir(), file.id());
        try {
            byte[] updated = specs.withResources(Files.readAllBytes(specFile), resources);
            AgentClient.await(agent.deleteContainer(file.id(), false));
            StateFiles.writeBytes(specFile, updated);
            VmContainers.createInGuest(agent, file, updated);
        } catch (IOException e) {
            throw CriException.internal("cannot update the spec of " + file.id(), e);
        }
    }

    void reopenLog(String containerId) {
        VmContainer container = table.require(containerId);
        OutputRelay relay = container.relay();
        if (relay == null || container.file().status() != ContainerState.Status.RUNNING) {
            throw CriException.precondition("container %s is not running: its log cannot be reopened", containerId);
        }
        relay.log().reopen();
    }

    private AgentClient running(String containerId, String what) {
        VmContainer container = table.require(containerId);
        if (container.file().status() != ContainerState.Status.RUNNING) {
            throw CriException.precondition("container %s is not running: cannot %s it", containerId, what);
        }
        return table.podOf(containerId).agent();
    }
}
