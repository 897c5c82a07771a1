package dev.janus.isolation;

import java.time.Instant;

/**
 * Resource usage of one container (or of a sandbox's holder) read from its cgroup.
 *
 * @param cpuUsageNanos cumulative CPU time
 * @param memoryWorkingSetBytes usage minus inactive file pages, as kubelet computes it
 * @param writableLayerBytes bytes and inodes in the container's writable layer
 */
public record ContainerUsage(Instant timestamp, long cpuUsageNanos, long memoryWorkingSetBytes,
        long memoryUsageBytes, long memoryRssBytes, long pageFaults, long majorPageFaults,
        long writableLayerBytes, long writableLayerInodes) {
}
