package dev.janus.cri.stats;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.ContainerAttributes;
import dev.janus.cri.api.ContainerStats;
import dev.janus.cri.api.CpuUsage;
import dev.janus.cri.api.FilesystemIdentifier;
import dev.janus.cri.api.FilesystemUsage;
import dev.janus.cri.api.MemoryUsage;
import dev.janus.cri.api.UInt64Value;
import dev.janus.cri.state.Clock;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.isolation.ContainerUsage;
import dev.janus.isolation.RuntimeHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a handler's cgroup readings into CRI stats. CPU rate (nano cores) needs two readings,
 * so the previous one of each id is kept.
 */
public final class StatsReader {

    private record Sample(long atNanos, long cpuNanos) {
    }

    private final CriContext cri;
    private final Map<String, Sample> lastCpu = new ConcurrentHashMap<>();

    public StatsReader(CriContext cri) {
        this.cri = cri;
    }

    /** Usage of a running container, or null when it does not run (no cgroup to read). */
    public ContainerUsage usage(String handlerName, String id) {
        RuntimeHandler handler = cri.handlers().byName(handlerName);
        return handler == null ? null : handler.containerUsage(id);
    }

    /** The whole pod's usage, where its handler measures the pod as one; else null. */
    public ContainerUsage podUsage(String handlerName, String sandboxId) {
        RuntimeHandler handler = cri.handlers().byName(handlerName);
        return handler == null ? null : handler.podUsage(sandboxId);
    }

    public ContainerStats containerStats(ContainerRecord c) {
        ContainerStats.Builder stats = ContainerStats.newBuilder().setAttributes(ContainerAttributes.newBuilder()
                .setId(c.getId())
                .setMetadata(c.getConfig().getMetadata())
                .putAllLabels(c.getConfig().getLabelsMap())
                .putAllAnnotations(c.getConfig().getAnnotationsMap()));
        ContainerUsage usage = c.getPhase() == ContainerRecord.Phase.RUNNING ? usage(c.getHandler(), c.getId()) : null;
        if (usage != null) {
            stats.setCpu(cpu(c.getId(), usage)).setMemory(memory(usage)).setWritableLayer(writableLayer(usage));
        }
        return stats.build();
    }

    public CpuUsage cpu(String id, ContainerUsage usage) {
        long now = Clock.toNanos(usage.timestamp());
        CpuUsage.Builder cpu = CpuUsage.newBuilder().setTimestamp(now)
                .setUsageCoreNanoSeconds(u64(usage.cpuUsageNanos()));
        Sample previous = lastCpu.put(id, new Sample(now, usage.cpuUsageNanos()));
        if (previous != null && now > previous.atNanos() && usage.cpuUsageNanos() >= previous.cpuNanos()) {
            double cores = (double) (usage.cpuUsageNanos() - previous.cpuNanos()) / (now - previous.atNanos());
            cpu.setUsageNanoCores(u64((long) (cores * 1_000_000_000L)));
        }
        return cpu.build();
    }

    public static MemoryUsage memory(ContainerUsage usage) {
        return MemoryUsage.newBuilder()
                .setTimestamp(Clock.toNanos(usage.timestamp()))
                .setWorkingSetBytes(u64(usage.memoryWorkingSetBytes()))
                .setUsageBytes(u64(usage.memoryUsageBytes()))
                .setRssBytes(u64(usage.memoryRssBytes()))
                .setPageFaults(u64(usage.pageFaults()))
                .setMajorPageFaults(u64(usage.majorPageFaults()))
                .build();
    }

    FilesystemUsage writableLayer(ContainerUsage usage) {
        return FilesystemUsage.newBuilder()
                .setTimestamp(Clock.toNanos(usage.timestamp()))
                .setFsId(FilesystemIdentifier.newBuilder().setMountpoint(cri.config().root().toString()))
                .setUsedBytes(u64(usage.writableLayerBytes()))
                .setInodesUsed(u64(usage.writableLayerInodes()))
                .build();
    }

    public void forget(String id) {
        lastCpu.remove(id);
    }

    static UInt64Value u64(long value) {
        return UInt64Value.newBuilder().setValue(Math.max(0, value)).build();
    }
}
