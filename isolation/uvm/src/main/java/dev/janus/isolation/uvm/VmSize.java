package dev.janus.isolation.uvm;

import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.api.PodSandboxConfig;

/**
 * How big a pod's VM is. kubelet sends the pod's resources with the sandbox (the sum of its
 * containers' limits): a limited pod's VM gets that much memory plus the guest's own reserve,
 * and as many vCPUs as its CPU limit rounds up to; a pod without limits gets the handler's
 * defaults. The RuntimeClass overhead then covers the reserve and QEMU itself, so the pod's
 * cgroup, which holds the VM, fits what kubelet reserved.
 */
record VmSize(int memoryMib, int vcpus) {

    private static final long MIB = 1024 * 1024;
    /** Below its pod's limit plus this, a guest has no room for its kernel, initramfs and agent. */
    static final int MIN_GUEST_OWN_MIB = 128;

    static VmSize of(PodSandboxConfig pod, LinuxVmOptions options, int hostCpus) {
        LinuxContainerResources resources = pod.getLinux().getResources();
        long limit = resources.getMemoryLimitInBytes();
        int memory = limit > 0
                ? (int) Math.min(1 << 20, (limit + MIB - 1) / MIB + options.guestReserveMib())
                : options.memoryMib();
        int vcpus = options.vcpus();
        if (resources.getCpuQuota() > 0 && resources.getCpuPeriod() > 0) {
            long cores = (resources.getCpuQuota() + resources.getCpuPeriod() - 1) / resources.getCpuPeriod();
            vcpus = (int) Math.max(1, Math.min(Math.max(1, hostCpus), cores));
        }
        return new VmSize(memory, vcpus);
    }

    /**
     * The size that fits a cgroup limit already in force above the VM (kubelet's pod cgroup:
     * the pod's limits plus the RuntimeClass overhead): the guest shrinks into what QEMU's own
     * memory leaves. Too little room would have the host's OOM killer end QEMU as it boots,
     * again at every retry of kubelet's, so that is refused with what to change.
     *
     * @param podLimitBytes the pod's memory limit as kubelet sent it (0: none)
     * @param qemuOwnMib what QEMU takes beside the guest's memory
     */
    VmSize fitInto(java.util.OptionalLong cgroupLimitBytes, long podLimitBytes, int qemuOwnMib, String sandboxId) {
        if (cgroupLimitBytes.isEmpty()) {
            return this;
        }
        long room = cgroupLimitBytes.getAsLong() / MIB - qemuOwnMib;
        if (room >= memoryMib) {
            return this;
        }
        long podMib = (podLimitBytes + MIB - 1) / MIB;
        if (room < podMib + MIN_GUEST_OWN_MIB) {
            long overhead = cgroupLimitBytes.getAsLong() / MIB - podMib;
            throw dev.janus.cri.errors.CriException.precondition("sandbox %s: its cgroup allows %d MiB, which holds"
                    + " the pod's limit of %d MiB and %d MiB more; its VM needs about %d MiB more (%d MiB for the"
                    + " guest's own kernel and agent, %d MiB for QEMU): give the linux-vm RuntimeClass an"
                    + " overhead.podFixed.memory of at least %dMi (see deploy/kubernetes/runtimeclasses.yaml)",
                    sandboxId, cgroupLimitBytes.getAsLong() / MIB, podMib, overhead,
                    MIN_GUEST_OWN_MIB + qemuOwnMib, MIN_GUEST_OWN_MIB, qemuOwnMib, MIN_GUEST_OWN_MIB + qemuOwnMib);
        }
        return new VmSize((int) room, vcpus);
    }
}
