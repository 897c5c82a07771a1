package dev.janus.isolation.uvm;

/**
 * What a handler records of a pod's VM in {@code <vm dir>/sandbox.json}, so that a restarted
 * janusd can rebuild the VM's config and find the VM again.
 *
 * @param netns the pod's network namespace QEMU runs in
 * @param mac the pod interface's MAC, which the VM's NIC carries
 * @param podInterface the pod's interface in the netns ({@code eth0}), bridged to QEMU's tap
 * @param stopped StopPodSandbox ran: the VM is gone on purpose
 * @param cgroup the host cgroup (cgroupfs form) the VM runs in, under the pod's; empty for none
 */
record SandboxFile(String id, String netns, String mac, String podInterface, int memoryMib, int vcpus,
        long createdAtNanos, boolean stopped, String cgroup) {

    SandboxFile {
        cgroup = cgroup == null ? "" : cgroup;
    }

    SandboxFile withStopped() {
        return new SandboxFile(id, netns, mac, podInterface, memoryMib, vcpus, createdAtNanos, true, cgroup);
    }
}
