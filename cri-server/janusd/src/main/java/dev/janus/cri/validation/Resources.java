package dev.janus.cri.validation;

import dev.janus.cri.api.HugepageLimit;
import dev.janus.cri.api.LinuxContainerResources;
import java.util.regex.Pattern;

/** Linux resources as the kernel takes them; 0 means unset throughout, as in kubelet's requests. */
public final class Resources {

    /** cpu.shares: kubelet sends 2 (its minimum) up to 262144 (the kernel's maximum). */
    private static final long MAX_SHARES = 262_144;
    private static final Pattern CPU_LIST = Pattern.compile("[0-9,-]*");
    private static final Pattern PAGE_SIZE = Pattern.compile("[0-9]+[KMGT]?B");

    private Resources() {
    }

    public static void check(String field, LinuxContainerResources r) {
        if (r.getCpuShares() < 0 || r.getCpuShares() > MAX_SHARES) {
            throw Invalid.field(field + ".cpu_shares", "is " + r.getCpuShares() + "; it must be 0 (unset) to "
                    + MAX_SHARES);
        }
        if (r.getCpuPeriod() != 0 && (r.getCpuPeriod() < 1_000 || r.getCpuPeriod() > 1_000_000)) {
            throw Invalid.field(field + ".cpu_period", "is " + r.getCpuPeriod()
                    + " microseconds; it must be 0 (unset) or 1000 to 1000000");
        }
        if (r.getCpuQuota() < -1 || (r.getCpuQuota() > 0 && r.getCpuQuota() < 1_000)) {
            throw Invalid.field(field + ".cpu_quota", "is " + r.getCpuQuota()
                    + " microseconds; it must be 0 (unset), -1 (unlimited) or at least 1000");
        }
        if (r.getMemoryLimitInBytes() < 0) {
            throw Invalid.field(field + ".memory_limit_in_bytes", "is " + r.getMemoryLimitInBytes()
                    + "; it must be 0 (unset) or more");
        }
        if (r.getMemorySwapLimitInBytes() < -1) {
            throw Invalid.field(field + ".memory_swap_limit_in_bytes", "is " + r.getMemorySwapLimitInBytes()
                    + "; it must be -1 (unlimited), 0 (unset) or more");
        }
        if (r.getOomScoreAdj() < -1000 || r.getOomScoreAdj() > 1000) {
            throw Invalid.field(field + ".oom_score_adj", "is " + r.getOomScoreAdj() + "; it must be -1000 to 1000");
        }
        if (!CPU_LIST.matcher(r.getCpusetCpus()).matches()) {
            throw Invalid.field(field + ".cpuset_cpus", r.getCpusetCpus(), "must be a CPU list such as 0-3,6");
        }
        if (!CPU_LIST.matcher(r.getCpusetMems()).matches()) {
            throw Invalid.field(field + ".cpuset_mems", r.getCpusetMems(), "must be a node list such as 0-1");
        }
        for (HugepageLimit limit : r.getHugepageLimitsList()) {
            if (!PAGE_SIZE.matcher(limit.getPageSize()).matches()) {
                throw Invalid.field(field + ".hugepage_limits.page_size", limit.getPageSize(),
                        "must be a size such as 2MB or 1GB");
            }
        }
        for (var entry : r.getUnifiedMap().entrySet()) {
            Paths.clean(field + ".unified key", entry.getKey());
            if (entry.getKey().contains("/")) {
                throw Invalid.field(field + ".unified key", entry.getKey(), "must name a file of the cgroup");
            }
            Text.noNul(field + ".unified[" + entry.getKey() + "]", entry.getValue());
        }
    }
}
