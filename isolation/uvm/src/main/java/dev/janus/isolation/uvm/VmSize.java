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
}
