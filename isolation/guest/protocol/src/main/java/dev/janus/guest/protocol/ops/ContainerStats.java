package dev.janus.guest.protocol.ops;

/**
 * CONTAINER_STATS (17): usage read from the container's cgroup v2 files and its upper directory.
 *
 * @param cgroupFound false: no cgroup (not started, or exited): the usage fields are 0
 * @param memoryWorkingSetBytes memory.current minus inactive_file, as kubelet computes it
 */
public interface ContainerStats {

    record Request(String id) {
    }

    record Reply(long timestampUnixNanos, boolean cgroupFound, long cpuUsageNanos, long memoryUsageBytes,
            long memoryWorkingSetBytes, long memoryRssBytes, long pageFaults, long majorPageFaults,
            long writableLayerBytes, long writableLayerInodes) {
    }
}
