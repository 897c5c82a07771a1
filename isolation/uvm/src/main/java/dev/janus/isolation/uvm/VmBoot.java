package dev.janus.isolation.uvm;

import dev.janus.cri.errors.CriException;
import dev.janus.isolation.PodFiles;
import dev.janus.isolation.SandboxSpec;
import dev.janus.isolation.host.HostCgroup;
import dev.janus.isolation.uvm.agent.AgentClient;
import dev.janus.isolation.uvm.disk.LayerDisks;
import dev.janus.isolation.uvm.vm.ChannelSpec;
import dev.janus.isolation.uvm.vm.NicSpec;
import dev.janus.isolation.uvm.vm.Vm;
import dev.janus.isolation.uvm.vm.VmConfig;
import dev.janus.isolation.uvm.vm.VmHost;
import dev.janus.isolation.uvm.vm.qemu.Accel;
import dev.janus.isolation.uvm.vm.qemu.KvmProbe;
import dev.janus.isolation.uvm.vm.qemu.QemuVmHost;
import dev.janus.networking.PodInterface;
import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RunPodSandbox for a VM pod: the VM is the sandbox. It boots in the pod's network namespace
 * with one NIC carrying the pod interface's MAC (QEMU bridges its tap to the pod's veth), then
 * the agent gets the pod's addresses, routes, DNS, hostname and files, and the clock.
 */
final class VmBoot {

    private static final Logger LOG = LoggerFactory.getLogger(VmBoot.class);
    static final AgentClient.Options AGENT = new AgentClient.Options("janusd", Duration.ofSeconds(60),
            Duration.ofSeconds(60), true, Duration.ZERO);

    private final VmHost host;
    private final VmImage image;
    private final LinuxVmOptions options;
    private final LayerDisks disks;

    VmBoot(VmHost host, VmImage image, LinuxVmOptions options, LayerDisks disks) {
        this.host = host;
        this.image = image;
        this.options = options;
        this.disks = disks;
    }

    /** The VM's config, the same at boot and when a restarted janusd looks for the VM again. */
    static VmConfig config(SandboxFile sandbox, Path dir, VmImage image) {
        return VmConfig.of(sandbox.id(), dir, image.kernel(), image.initrd(), sandbox.memoryMib(), sandbox.vcpus())
                .withNics(List.of(new NicSpec("0", sandbox.mac(), sandbox.podInterface())), Path.of(sandbox.netns()))
                .withHostCgroup(sandbox.cgroup());
    }

    PodVm boot(SandboxSpec spec, Path dir) {
        PodInterface iface = spec.network() == null ? null : GuestNetwork.podInterface(spec.network().await().interfaces());
        if (spec.netnsPath() == null || iface == null) {
            throw CriException.precondition("sandbox %s: the pod network attached no interface with a MAC address"
                    + " for the VM to take over", spec.id());
        }
        String cgroup = hostCgroup(spec);
        VmSize size = VmSize.of(spec.config(), options, Runtime.getRuntime().availableProcessors());
        if (!cgroup.isEmpty()) {
            size = size.fitInto(HostCgroup.of(cgroup).memoryLimit(),
                    spec.config().getLinux().getResources().getMemoryLimitInBytes(), qemuOwnMib(), spec.id());
        }
        SandboxFile file = new SandboxFile(spec.id(), spec.netnsPath().toString(), iface.mac(), iface.name(),
                size.memoryMib(), size.vcpus(), ContainerFile.nanos(Instant.now()), false, cgroup);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw CriException.internal("cannot create " + dir, e);
        }
        StateFiles.write(StateFiles.sandbox(dir), file);
        PodVm pod = new PodVm(dir, file);
        Vm vm = host.create(config(file, dir, image));
        try {
            vm.start();
            AgentClient agent = connect(vm, options.bootTimeout());
            Instant connected = Instant.now();
            pod.connected(vm, agent, new LayerAttachments(vm, agent, disks));
            configure(agent, spec, iface);
            report(pod, connected, agent);
            return pod;
        } catch (RuntimeException e) {
            vm.kill();
            vm.close();
            throw e;
        }
    }

    /**
     * The VM's own cgroup under the pod's, named after the sandbox as a runc pod's holder is:
     * kubelet's pod limits and stats then cover the VM. Under Hyper-V, HCS accounts the VM.
     */
    private String hostCgroup(SandboxSpec spec) {
        if (!(host instanceof QemuVmHost)) {
            return "";
        }
        try {
            return HostCgroup.under(spec.cgroupParent(), spec.id()).path();
        } catch (IllegalArgumentException e) {
            throw CriException.invalid("sandbox %s: cgroup_parent: %s", spec.id(), e.getMessage());
        }
    }

    /**
     * What QEMU takes beside the guest's memory: itself (~40 MiB, measured) plus, under
     * software emulation, its translated-code cache.
     */
    private int qemuOwnMib() {
        boolean tcg = host instanceof QemuVmHost qemu && qemu.accel(image.kernel()).accel() == Accel.TCG;
        return 64 + (tcg ? Accel.TCG_CODE_CACHE_MIB : 0);
    }

    /** Waits for the guest to open the agent's channel, then handshakes. */
    static AgentClient connect(Vm vm, Duration timeout) {
        ByteChannel channel;
        try {
            channel = vm.openChannel(ChannelSpec.AGENT.name(), timeout);
        } catch (IOException e) {
            throw new CriException(CriException.Kind.DEADLINE_EXCEEDED, "the guest agent of VM " + vm.id()
                    + " did not come up: " + e.getMessage() + " (see " + vm.vmDir().resolve("console.log") + ")", e);
        }
        return AgentClient.connect(channel, AGENT);
    }

    private static void configure(AgentClient agent, SandboxSpec spec, PodInterface iface) {
        List<CompletableFuture<?>> steps = new ArrayList<>();
        steps.add(agent.configureNetwork(GuestNetwork.of(spec.config(), iface)));
        var sysctls = spec.config().getLinux().getSysctlsMap();
        if (!sysctls.isEmpty()) {
            // the VM is the pod's kernel: its sysctls, namespaced or not, are set there
            steps.add(agent.setSysctls(sysctls.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        PodFiles files = spec.podFiles();
        PodFiles guest = GuestPaths.podFiles(files);
        if (files != null) {
            copy(agent, files.hosts(), guest.hosts(), steps);
            copy(agent, files.resolvConf(), guest.resolvConf(), steps);
            copy(agent, files.hostname(), guest.hostname(), steps);
        }
        AgentClient.await(CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)));
    }

    private static void copy(AgentClient agent, Path from, Path to, List<CompletableFuture<?>> steps) {
        if (from == null) {
            return;
        }
        try {
            steps.add(agent.writeFile(to.toString(), Files.readAllBytes(from), 0644));
        } catch (IOException e) {
            throw CriException.internal("cannot read the pod file " + from, e);
        }
    }

    private void report(PodVm pod, Instant connected, AgentClient agent) {
        String accel = "hyper-v";
        String reason = "HCS";
        if (host instanceof QemuVmHost qemu) {
            KvmProbe.Result result = qemu.accel(image.kernel());
            accel = result.accel().qemuName();
            reason = result.reason();
        }
        BootReport report = BootReport.of(pod, host.name(), accel, reason, pod.vm().timing(), connected,
                Instant.now(), agent.agent());
        StateFiles.write(pod.dir().resolve("boot.json"), report);
        LOG.info("{}", report);
    }
}
