package dev.janus.cri.stats;

import dev.janus.cri.CriContext;
import dev.janus.cri.api.ContainerStats;
import dev.janus.cri.api.ContainerStatsFilter;
import dev.janus.cri.api.ContainerStatsRequest;
import dev.janus.cri.api.ContainerStatsResponse;
import dev.janus.cri.api.CpuUsage;
import dev.janus.cri.api.LinuxPodSandboxStats;
import dev.janus.cri.api.ListContainerStatsRequest;
import dev.janus.cri.api.ListContainerStatsResponse;
import dev.janus.cri.api.ListPodSandboxStatsRequest;
import dev.janus.cri.api.ListPodSandboxStatsResponse;
import dev.janus.cri.api.PodSandboxAttributes;
import dev.janus.cri.api.PodSandboxStats;
import dev.janus.cri.api.PodSandboxStatsFilter;
import dev.janus.cri.api.PodSandboxStatsRequest;
import dev.janus.cri.api.PodSandboxStatsResponse;
import dev.janus.cri.container.ContainerViews;
import dev.janus.cri.state.ContainerRecord;
import dev.janus.cri.state.Labels;
import dev.janus.cri.state.SandboxRecord;
import dev.janus.isolation.ContainerUsage;
import java.time.Instant;

/**
 * ContainerStats, ListContainerStats, PodSandboxStats and ListPodSandboxStats. A pod's usage
 * is its holder's plus its running containers', or, for a handler that measures the pod as one
 * (a VM pod), that measure.
 */
public final class StatsVerbs {

    private final CriContext cri;
    private final StatsReader reader;

    public StatsVerbs(CriContext cri) {
        this.cri = cri;
        this.reader = new StatsReader(cri);
    }

    public ContainerStatsResponse containerStats(ContainerStatsRequest request) {
        ContainerRecord c = cri.containers().resolve(request.getContainerId());
        return ContainerStatsResponse.newBuilder().setStats(reader.containerStats(c)).build();
    }

    public ListContainerStatsResponse listContainerStats(ListContainerStatsRequest request) {
        ContainerStatsFilter filter = request.getFilter();
        ListContainerStatsResponse.Builder response = ListContainerStatsResponse.newBuilder();
        for (ContainerRecord c : cri.containers().all()) {
            if (c.getPhase() == ContainerRecord.Phase.RUNNING
                    && c.getId().startsWith(filter.getId())
                    && c.getSandboxId().startsWith(filter.getPodSandboxId())
                    && Labels.match(filter.getLabelSelectorMap(), c.getConfig().getLabelsMap())) {
                response.addStats(reader.containerStats(c));
            }
        }
        return response.build();
    }

    public PodSandboxStatsResponse podSandboxStats(PodSandboxStatsRequest request) {
        SandboxRecord sandbox = cri.sandboxes().resolve(request.getPodSandboxId());
        return PodSandboxStatsResponse.newBuilder().setStats(podStats(sandbox)).build();
    }

    public ListPodSandboxStatsResponse listPodSandboxStats(ListPodSandboxStatsRequest request) {
        PodSandboxStatsFilter filter = request.getFilter();
        ListPodSandboxStatsResponse.Builder response = ListPodSandboxStatsResponse.newBuilder();
        for (SandboxRecord sandbox : cri.sandboxes().all()) {
            if (sandbox.getPhase() == SandboxRecord.Phase.READY
                    && sandbox.getId().startsWith(filter.getId())
                    && Labels.match(filter.getLabelSelectorMap(), sandbox.getConfig().getLabelsMap())) {
                response.addStats(podStats(sandbox));
            }
        }
        return response.build();
    }

    private PodSandboxStats podStats(SandboxRecord sandbox) {
        LinuxPodSandboxStats.Builder linux = LinuxPodSandboxStats.newBuilder();
        ContainerUsage holder = sandbox.getPhase() == SandboxRecord.Phase.READY
                ? reader.usage(sandbox.getHandler(), sandbox.getId()) : null;
        long cpu = holder == null ? 0 : holder.cpuUsageNanos();
        long workingSet = holder == null ? 0 : holder.memoryWorkingSetBytes();
        long usage = holder == null ? 0 : holder.memoryUsageBytes();
        long rss = holder == null ? 0 : holder.memoryRssBytes();
        for (ContainerRecord c : cri.containers().all()) {
            if (c.getSandboxId().equals(sandbox.getId()) && ContainerViews.visible(c)) {
                ContainerStats stats = reader.containerStats(c);
                linux.addContainers(stats);
                cpu += stats.getCpu().getUsageCoreNanoSeconds().getValue();
                workingSet += stats.getMemory().getWorkingSetBytes().getValue();
                usage += stats.getMemory().getUsageBytes().getValue();
                rss += stats.getMemory().getRssBytes().getValue();
            }
        }
        ContainerUsage whole = sandbox.getPhase() == SandboxRecord.Phase.READY
                ? reader.podUsage(sandbox.getHandler(), sandbox.getId()) : null;
        if (whole != null) {
            // a VM pod: its cgroup holds the VM, whose guest runs the containers
            linux.setCpu(reader.cpu(sandbox.getId(), whole)).setMemory(StatsReader.memory(whole));
        } else if (holder != null) {
            ContainerUsage pod = new ContainerUsage(Instant.now(), cpu, workingSet, usage, rss, 0, 0, 0, 0);
            CpuUsage podCpu = reader.cpu(sandbox.getId(), pod);
            linux.setCpu(podCpu).setMemory(StatsReader.memory(pod));
        }
        return PodSandboxStats.newBuilder()
                .setAttributes(PodSandboxAttributes.newBuilder()
                        .setId(sandbox.getId())
                        .setMetadata(sandbox.getConfig().getMetadata())
                        .putAllLabels(sandbox.getConfig().getLabelsMap())
                        .putAllAnnotations(sandbox.getConfig().getAnnotationsMap()))
                .setLinux(linux)
                .build();
    }
}
