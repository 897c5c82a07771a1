package dev.janus.isolation.ocispec;

import dev.janus.cri.api.HugepageLimit;
import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.isolation.ocispec.SpecWarning.Kind;
import dev.janus.isolation.ocispec.model.OciResources;
import dev.janus.isolation.ocispec.model.OciResources.Cpu;
import dev.janus.isolation.ocispec.model.OciResources.DeviceRule;
import dev.janus.isolation.ocispec.model.OciResources.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cgroup settings from CRI resources, as containerd maps them: a zero value means "unset";
 * without an explicit swap limit, swap equals the memory limit so the container cannot swap.
 * What the host's cgroups cannot do is dropped with a warning.
 */
final class Resources {

    /** containerd's weight for the pause process: it must never compete for CPU. */
    static final long SANDBOX_CPU_SHARES = 2;

    private Resources() {
    }

    static OciResources container(LinuxContainerResources r, List<DeviceRule> deviceRules,
            HostFeatures host, Warnings w) {
        if (r == null) {
            return new OciResources(deviceRules, null, null, null, null, null);
        }
        Cpu cpu = new Cpu(positive(r.getCpuShares()), nonZero(r.getCpuQuota()), positive(r.getCpuPeriod()),
                blankToNull(r.getCpusetCpus()), blankToNull(r.getCpusetMems()));
        return new OciResources(deviceRules, memory(r, host, w), isEmpty(cpu) ? null : cpu, null,
                hugepages(r.getHugepageLimitsList(), host, w), unified(r.getUnifiedMap(), host, w));
    }

    static OciResources sandbox() {
        return new OciResources(Devices.DEFAULT_RULES, null,
                new Cpu(SANDBOX_CPU_SHARES, null, null, null, null), null, null, null);
    }

    /** The requested oom_score_adj, raised to the runtime's own when it is lower. */
    static int oomScoreAdj(long requested, HostLimits limits, Warnings w) {
        long adj = Math.max(-1000, Math.min(1000, requested));
        if (adj < limits.oomScoreAdjFloor()) {
            w.add(Kind.OOM_SCORE_ADJ_CLAMPED, "oom_score_adj %d raised to %d, the runtime's own "
                    + "(lowering it needs CAP_SYS_RESOURCE)", adj, limits.oomScoreAdjFloor());
            adj = limits.oomScoreAdjFloor();
        }
        return (int) adj;
    }

    private static Memory memory(LinuxContainerResources r, HostFeatures host, Warnings w) {
        Long limit = nonZero(r.getMemoryLimitInBytes());
        Long swap = nonZero(r.getMemorySwapLimitInBytes());
        if (swap == null) {
            swap = limit;
        } else if (!host.swapAccounting()) {
            w.add(Kind.SWAP_LIMIT_IGNORED, "memory_swap_limit_in_bytes ignored: the memory cgroup "
                    + "has no swap accounting on this host");
        }
        if (!host.swapAccounting()) {
            swap = null;
        }
        return limit == null && swap == null ? null : new Memory(limit, null, swap, null, null, null);
    }

    private static List<OciResources.HugepageLimit> hugepages(List<HugepageLimit> limits, HostFeatures host,
            Warnings w) {
        if (limits.isEmpty()) {
            return null;
        }
        if (!host.hugetlb()) {
            w.add(Kind.HUGEPAGE_LIMITS_IGNORED, "hugepage limits ignored: no hugetlb cgroup controller");
            return null;
        }
        List<OciResources.HugepageLimit> out = new ArrayList<>();
        limits.forEach(l -> out.add(new OciResources.HugepageLimit(l.getPageSize(), l.getLimit())));
        return out;
    }

    private static Map<String, String> unified(Map<String, String> unified, HostFeatures host, Warnings w) {
        if (unified.isEmpty()) {
            return null;
        }
        if (!host.cgroupV2()) {
            w.add(Kind.UNIFIED_IGNORED, "unified cgroup settings %s ignored on a cgroup v1 host", unified.keySet());
            return null;
        }
        return unified;
    }

    private static boolean isEmpty(Cpu c) {
        return c.shares() == null && c.quota() == null && c.period() == null && c.cpus() == null
                && c.mems() == null;
    }

    private static Long positive(long v) {
        return v > 0 ? v : null;
    }

    private static Long nonZero(long v) {
        return v != 0 ? v : null;
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }
}
