package dev.janus.isolation.uvm.vm;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a VM host needs to create one utility VM.
 *
 * @param id unique on the host; QEMU names the process {@code janus-<id>}, HCS the system {@code <id>@vm}
 * @param vmDir the VM's own directory: sockets, pidfile, console log (QEMU); console pipe name (HCS)
 * @param kernelArgs appended to the command line the host builds (console, panic, agent channel)
 * @param channels byte streams to the guest, the agent's ({@link ChannelSpec#AGENT}) first
 * @param netns the pod's network namespace (a path such as /var/run/netns/x): QEMU runs inside
 *     it so its taps are there; empty for no network or under Hyper-V
 * @param hostCgroup the host cgroup (cgroupfs form) the VM's host processes run in, under the
 *     pod's cgroup; empty for none or under Hyper-V (HCS accounts a VM in its own job object)
 */
public record VmConfig(String id, Path vmDir, Path kernel, Path initrd, String kernelArgs,
        int memoryMib, int vcpus, List<DiskSpec> disks, List<NicSpec> nics,
        List<ChannelSpec> channels, Optional<Path> netns, String hostCgroup) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    /** sun_path is 108 bytes with its NUL; the longest socket we make there is "qmp.sock"-sized. */
    static final int MAX_SOCKET_PATH = 107;

    public VmConfig {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("VM id must be 1-128 of [A-Za-z0-9_.-]: " + id);
        }
        Objects.requireNonNull(vmDir, "vmDir");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(initrd, "initrd");
        kernelArgs = kernelArgs == null ? "" : kernelArgs.strip();
        if (memoryMib < 64) {
            throw new IllegalArgumentException("a utility VM needs at least 64 MiB, got " + memoryMib);
        }
        if (vcpus < 1) {
            throw new IllegalArgumentException("a utility VM needs at least one vCPU, got " + vcpus);
        }
        disks = List.copyOf(disks == null ? List.of() : disks);
        nics = List.copyOf(nics == null ? List.of() : nics);
        channels = List.copyOf(channels == null || channels.isEmpty() ? List.of(ChannelSpec.AGENT) : channels);
        netns = netns == null ? Optional.empty() : netns;
        hostCgroup = hostCgroup == null ? "" : hostCgroup;
        unique("disk", disks.stream().map(DiskSpec::id).toList());
        unique("NIC", nics.stream().map(NicSpec::id).toList());
        unique("channel", channels.stream().map(ChannelSpec::name).toList());
        for (ChannelSpec channel : channels) {
            String socket = vmDir.toAbsolutePath().resolve(channel.socketFile()).toString();
            if (socket.length() > MAX_SOCKET_PATH) {
                throw new IllegalArgumentException("unix socket path too long (" + socket.length()
                        + " > " + MAX_SOCKET_PATH + " bytes): " + socket + "; use a shorter VM directory");
            }
        }
    }

    /** A VM with the agent channel only, no disks, no network: add the rest with the withers. */
    public static VmConfig of(String id, Path vmDir, Path kernel, Path initrd, int memoryMib, int vcpus) {
        return new VmConfig(id, vmDir, kernel, initrd, "", memoryMib, vcpus, List.of(), List.of(),
                List.of(ChannelSpec.AGENT), Optional.empty(), "");
    }

    public VmConfig withDisks(List<DiskSpec> newDisks) {
        return new VmConfig(id, vmDir, kernel, initrd, kernelArgs, memoryMib, vcpus, newDisks, nics, channels, netns, hostCgroup);
    }

    public VmConfig withNics(List<NicSpec> newNics, Path podNetns) {
        return new VmConfig(id, vmDir, kernel, initrd, kernelArgs, memoryMib, vcpus, disks, newNics, channels,
                Optional.ofNullable(podNetns), hostCgroup);
    }

    public VmConfig withKernelArgs(String args) {
        return new VmConfig(id, vmDir, kernel, initrd, args, memoryMib, vcpus, disks, nics, channels, netns,
                hostCgroup);
    }

    public VmConfig withChannels(List<ChannelSpec> newChannels) {
        return new VmConfig(id, vmDir, kernel, initrd, kernelArgs, memoryMib, vcpus, disks, nics, newChannels, netns,
                hostCgroup);
    }

    public VmConfig withHostCgroup(String cgroup) {
        return new VmConfig(id, vmDir, kernel, initrd, kernelArgs, memoryMib, vcpus, disks, nics, channels, netns,
                cgroup);
    }

    /** The channel the guest agent listens on. */
    public ChannelSpec agentChannel() {
        return channels.getFirst();
    }

    private static void unique(String what, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("two " + what + "s with id " + id);
            }
        }
    }
}
