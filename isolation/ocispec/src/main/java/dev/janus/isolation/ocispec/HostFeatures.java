package dev.janus.isolation.ocispec;

/**
 * What the host kernel and the OCI runtime offer, which decides the shape of the spec rather than
 * clamping it.
 *
 * @param cgroupVersion V2 only when /sys/fs/cgroup itself is cgroup2 (a hybrid host is V1)
 * @param arch the Java os.arch of the machine the container runs on ({@code amd64},
 *     {@code aarch64}): it picks the seccomp architectures
 * @param kernelVersion the kernel release ({@code 6.1.0-18-amd64}), for a seccomp profile's
 *     {@code minKernel}; empty when unknown (such rules are then kept)
 * @param swapAccounting whether the memory cgroup can limit swap (memsw on v1, memory.swap.max on v2)
 * @param hugetlb whether the hugetlb controller is there; without it hugepage limits are dropped
 * @param recursiveReadOnlyMounts whether the OCI runtime knows the {@code rro} mount option
 *     (runc 1.2+, from {@code runc features}); runc 1.1 does not
 */
public record HostFeatures(CgroupVersion cgroupVersion, String arch, String kernelVersion,
        boolean swapAccounting, boolean hugetlb, boolean recursiveReadOnlyMounts) {

    public enum CgroupVersion { V1, V2 }

    public HostFeatures {
        if (cgroupVersion == null) {
            throw new IllegalArgumentException("cgroupVersion is required");
        }
        arch = arch == null || arch.isEmpty() ? System.getProperty("os.arch") : arch;
        kernelVersion = kernelVersion == null ? "" : kernelVersion;
    }

    public boolean cgroupV2() {
        return cgroupVersion == CgroupVersion.V2;
    }
}
