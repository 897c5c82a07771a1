package dev.janus.isolation.ocispec;

/**
 * Something the builder clamped or left out instead of failing. The backend logs each kind once
 * per process (they repeat for every container of every pod), and the message of the first one.
 */
public record SpecWarning(Kind kind, String message) {

    public enum Kind {
        /** oom_score_adj raised to the runtime's own value (no CAP_SYS_RESOURCE). */
        OOM_SCORE_ADJ_CLAMPED,
        /** an rlimit lowered to the runtime's own hard limit (no CAP_SYS_RESOURCE). */
        RLIMIT_CLAMPED,
        /** a capability asked for that the runtime itself does not hold. */
        CAPABILITY_UNAVAILABLE,
        /** an AppArmor profile asked for; this host has no AppArmor. */
        APPARMOR_IGNORED,
        /** SELinux options given; this host has no SELinux. */
        SELINUX_IGNORED,
        /** a swap limit asked for without swap accounting in the memory cgroup. */
        SWAP_LIMIT_IGNORED,
        /** hugepage limits asked for without the hugetlb controller. */
        HUGEPAGE_LIMITS_IGNORED,
        /** cgroup v2 files ({@code unified}) asked for on a cgroup v1 host. */
        UNIFIED_IGNORED,
        /** a localhost seccomp profile rule skipped (its includes/excludes or kernel do not match). */
        SECCOMP_RULE_SKIPPED
    }
}
