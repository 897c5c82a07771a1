package dev.janus.isolation.ocispec;

import java.util.Map;
import java.util.Set;

/**
 * What the runtime process itself may not exceed, so the builder clamps a request instead of
 * letting runc fail on it. Janus runs without CAP_SYS_RESOURCE on some hosts: there an
 * oom_score_adj below its own, or an rlimit above its own hard limit, cannot be set.
 *
 * @param oomScoreAdjFloor the runtime's own oom_score_adj; lower values are raised to it
 * @param hardRlimits hard limits by OCI name ({@code RLIMIT_NOFILE}); -1 is unlimited; a missing
 *     name is not clamped
 * @param capabilities the capabilities the runtime holds ({@code CAP_*}); "all capabilities"
 *     means these, and any other requested one is dropped with a warning
 */
public record HostLimits(int oomScoreAdjFloor, Map<String, Long> hardRlimits, Set<String> capabilities) {

    public HostLimits {
        hardRlimits = hardRlimits == null ? Map.of() : Map.copyOf(hardRlimits);
        capabilities = capabilities == null ? Set.copyOf(Capabilities.KNOWN) : Set.copyOf(capabilities);
    }

    /** A host that limits nothing: floor -1000, no hard limits, every known capability. */
    public static HostLimits unlimited() {
        return new HostLimits(-1000, Map.of(), null);
    }

    /** The hard limit for an rlimit type, or -1 (unlimited) when unknown. */
    public long hardLimit(String type) {
        return hardRlimits.getOrDefault(type, -1L);
    }
}
