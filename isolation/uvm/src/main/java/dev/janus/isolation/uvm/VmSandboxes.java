package dev.janus.isolation.uvm;

import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ContainerUsage;
import dev.janus.isolation.SandboxSpec;
import dev.janus.isolation.SandboxStarted;
import dev.janus.isolation.SandboxState;
import dev.janus.isolation.fs.Trees;
import dev.janus.isolation.host.CgroupUsage;
import dev.janus.isolation.host.HostCgroup;
import dev.janus.isolation.uvm.agent.AgentClient;
import dev.janus.isolation.uvm.vm.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sandbox verbs of the linux-vm handler: the VM is the sandbox. */
final class VmSandboxes {

    private static final Logger LOG = LoggerFactory.getLogger(VmSandboxes.class);
    /** Beyond the containers' grace: the agent unmounts and syncs, the guest powers off. */
    private static final Duration POWER_OFF = Duration.ofSeconds(20);

    private final PodTable table;
    private final VmDirs dirs;
    private final VmBoot boot;
    private final ExitRecorder exits;
    private final VolumeShares volumes;

    VmSandboxes(PodTable table, VmDirs dirs, VmBoot boot, ExitRecorder exits, VolumeShares volumes) {
        this.table = table;
        this.dirs = dirs;
        this.boot = boot;
        this.exits = exits;
        this.volumes = volumes;
    }

    SandboxStarted start(SandboxSpec spec) {
        if (WindowsConfigMapper.hostNetwork(spec.config()) || spec.netnsPath() == null) {
            throw CriException.invalid("sandbox %s asks for the host's network, which a linux-vm pod cannot have:"
                    + " the VM has its own kernel and network stack (use a process handler such as runc)", spec.id());
        }
        var namespaces = spec.config().getLinux().getSecurityContext().getNamespaceOptions();
        // hostPID is the VM's PID namespace (its containers see each other, as on a host); the
        // host's IPC objects cannot be reached from another kernel, so hostIPC is refused
        if (namespaces.getIpc() == NamespaceMode.NODE) {
            throw CriException.invalid("sandbox %s asks for the host's IPC namespace, which a linux-vm pod cannot"
                    + " share: the VM has its own kernel (use a process handler such as runc)", spec.id());
        }
        if (table.pod(spec.id()) != null) {
            throw CriException.alreadyExists("sandbox %s has a VM already", spec.id());
        }
        PodVm pod = boot.boot(spec, dirs.vmDir(spec.id()));
        table.add(pod);
        exits.watch(pod);
        return new SandboxStarted((int) pod.vm().pid().orElse(0));
    }

    /** The agent stops the containers and powers the VM off; a VM still there after that is killed. */
    void stop(String sandboxId, Duration timeout) {
        PodVm pod = table.pod(sandboxId);
        if (pod == null || pod.sandbox().stopped()) {
            return;
        }
        pod.stopping();
        Vm vm = pod.vm();
        if (vm != null && !vm.exit().isDone()) {
            AgentClient agent = pod.agentOrNull();
            if (agent != null && agent.isOpen()) {
                try {
                    agent.shutdown(timeout).get(timeout.plus(POWER_OFF).toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    LOG.warn("the agent of sandbox {} did not shut down cleanly: {}", sandboxId, e.toString());
                }
            }
            try {
                vm.exit().get(POWER_OFF.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.info("the VM of sandbox {} did not power off; killing it", sandboxId);
                vm.kill();
            }
            vm.close();
        }
        exits.podEnded(pod, "its pod's utility VM was shut down", Instant.now());
        pod.stopped();
        volumes.forget(pod);
        removeCgroup(pod);
    }

    /**
     * The VM's cgroup goes with the VM (the pod's cgroup above it is kubelet's). A killed QEMU
     * leaves it a moment after its exit is seen, once its parent reaped it.
     */
    private static void removeCgroup(PodVm pod) {
        String path = pod.sandbox().cgroup();
        if (path.isEmpty()) {
            return;
        }
        HostCgroup cgroup = HostCgroup.of(path);
        for (int attempt = 0; !cgroup.remove(); attempt++) {
            if (attempt == 40) {
                LOG.warn("cgroup {} of sandbox {} is still busy; it stays", path, pod.id());
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The whole pod's CPU and memory, the VM's host processes included; null when it does not run. */
    ContainerUsage usage(String sandboxId) {
        PodVm pod = table.pod(sandboxId);
        if (pod == null || pod.sandbox().cgroup().isEmpty() || !pod.running()) {
            return null;
        }
        CgroupUsage usage = HostCgroup.of(pod.sandbox().cgroup()).usage();
        return usage == null ? null : new ContainerUsage(Instant.now(), usage.cpuNanos(), usage.workingSetBytes(),
                usage.usageBytes(), usage.rssBytes(), usage.pageFaults(), usage.majorPageFaults(), 0, 0);
    }

    /** Kills a VM that still runs and deletes its directory: scratch disks, sockets, records. */
    void remove(String sandboxId) {
        PodVm pod = table.pod(sandboxId);
        Path dir = dirs.vmDir(sandboxId);
        if (pod == null) {
            // only a directory of this very sandbox (the sweep also passes container ids here)
            var file = StateFiles.read(StateFiles.sandbox(dir), SandboxFile.class);
            boolean ours = file.map(f -> f.id().equals(sandboxId)).orElse(Files.isDirectory(dir) && !Files.exists(
                    StateFiles.sandbox(dir)));
            if (ours) {
                file.ifPresent(f -> removeCgroup(new PodVm(dir, f)));
                Trees.delete(dir);
            }
            return;
        }
        pod.stopping();
        Vm vm = pod.vm();
        if (vm != null) {
            vm.kill();
            vm.close();
        }
        for (VmContainer container : pod.containers()) {
            OutputRelay relay = container.relay();
            if (relay != null) {
                relay.log().close();
            }
        }
        table.remove(pod);
        volumes.forget(pod);
        removeCgroup(pod);
        Trees.delete(pod.dir());
        LOG.info("sandbox {}: VM and its files removed", sandboxId);
    }

    SandboxState state(String sandboxId) {
        PodVm pod = table.pod(sandboxId);
        if (pod == null) {
            return SandboxState.UNKNOWN;
        }
        Vm vm = pod.vm();
        return vm != null && !vm.exit().isDone() && !pod.isStopping() ? SandboxState.RUNNING : SandboxState.STOPPED;
    }
}
