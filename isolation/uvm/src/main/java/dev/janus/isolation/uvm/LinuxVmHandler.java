package dev.janus.isolation.uvm;

import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.isolation.ContainerSpec;
import dev.janus.isolation.ContainerState;
import dev.janus.isolation.ContainerUsage;
import dev.janus.isolation.ExecRequest;
import dev.janus.isolation.ExecResult;
import dev.janus.isolation.ExitEvent;
import dev.janus.isolation.HostContext;
import dev.janus.isolation.ProcessStreams;
import dev.janus.isolation.RuntimeHandler;
import dev.janus.isolation.SandboxSpec;
import dev.janus.isolation.SandboxStarted;
import dev.janus.isolation.SandboxState;
import dev.janus.isolation.Stdio;
import dev.janus.isolation.p9.daemon.VolumeServerClient;
import dev.janus.isolation.uvm.disk.LayerDisks;
import dev.janus.isolation.uvm.vm.VmHost;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The linux-vm handler: each pod is a Linux utility VM (QEMU here, Hyper-V through HCS on
 * Windows), each container a crun container inside it, driven through the guest agent. See this
 * package's README.md for what it maps and what it cannot do. Built once per janusd: it takes back
 * the VMs a previous janusd left running before it answers anything.
 */
public final class LinuxVmHandler implements RuntimeHandler {

    private final String name;
    private final PodTable table = new PodTable();
    private final ExitEvents events = new ExitEvents();
    private final VmSandboxes sandboxes;
    private final VmContainers containers;
    private final VmProcesses processes;
    private final VmStreaming streaming;

    LinuxVmHandler(String name, LinuxVmOptions options, VmImage image, VmHost host, HostContext context) {
        this.name = name;
        VmDirs dirs = VmDirs.of(context, name);
        LayerDisks disks = new LayerDisks(dirs.layers(), host.name().equals("hcs"));
        ExitRecorder exits = new ExitRecorder(events);
        GuestSpecs specs = new GuestSpecs(image.kernelRelease());
        VolumeShares volumes = new VolumeShares(new VolumeServerClient(context.stateDir().resolve("p9"),
                Path.of(ProcessHandle.current().info().command().orElse("java")), System.getProperty("java.class.path")));
        this.sandboxes = new VmSandboxes(table, dirs, new VmBoot(host, image, options, disks), exits, volumes);
        this.containers = new VmContainers(table, specs,
                new WindowsConfigMapper(Runtime.getRuntime().availableProcessors()), volumes, options.scratchGib());
        this.processes = new VmProcesses(table, specs, exits);
        this.streaming = new VmStreaming(table);
        new VmReattach(host, image, disks, exits, volumes).all(dirs, table);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SandboxStarted startSandbox(SandboxSpec spec) {
        return sandboxes.start(spec);
    }

    @Override
    public void stopSandbox(String sandboxId, Duration timeout) {
        sandboxes.stop(sandboxId, timeout);
    }

    @Override
    public void removeSandbox(String sandboxId) {
        sandboxes.remove(sandboxId);
    }

    @Override
    public SandboxState sandboxState(String sandboxId) {
        return sandboxes.state(sandboxId);
    }

    @Override
    public void createContainer(ContainerSpec spec) {
        containers.create(spec);
    }

    @Override
    public void startContainer(String containerId) {
        processes.start(containerId);
    }

    @Override
    public void stopContainer(String containerId, Duration timeout, String stopSignal) {
        processes.stop(containerId, timeout, stopSignal);
    }

    @Override
    public void removeContainer(String containerId) {
        containers.remove(containerId);
    }

    @Override
    public ContainerState containerState(String containerId) {
        VmContainer container = table.container(containerId);
        return container == null ? ContainerState.unknown() : container.state();
    }

    @Override
    public ExecResult execSync(String containerId, ExecRequest request) {
        return processes.execSync(containerId, request);
    }

    @Override
    public ContainerUsage containerUsage(String containerId) {
        return processes.usage(containerId);
    }

    @Override
    public ContainerUsage podUsage(String sandboxId) {
        return sandboxes.usage(sandboxId);
    }

    @Override
    public void updateResources(String containerId, LinuxContainerResources resources) {
        processes.update(containerId, resources);
    }

    @Override
    public boolean supportsStreaming() {
        return true;
    }

    @Override
    public ProcessStreams exec(String containerId, List<String> command, Stdio stdio) {
        return streaming.exec(containerId, command, stdio);
    }

    @Override
    public ProcessStreams attach(String containerId, Stdio stdio) {
        return streaming.attach(containerId, stdio);
    }

    @Override
    public SocketChannel openPort(String sandboxId, int port) {
        return streaming.openPort(sandboxId, port);
    }

    @Override
    public void reopenLog(String containerId) {
        processes.reopenLog(containerId);
    }

    @Override
    public Set<String> heldIds() {
        return table.ids();
    }

    @Override
    public void onExit(Consumer<ExitEvent> listener) {
        events.add(listener);
    }
}
