package dev.janus.isolation.uvm;

import dev.janus.cri.errors.CriException;
import dev.janus.guest.protocol.ops.ContainerInfo;
import dev.janus.guest.protocol.ops.ContainerStatus;
import dev.janus.isolation.fs.Trees;
import dev.janus.isolation.uvm.agent.AgentClient;
import dev.janus.isolation.uvm.disk.LayerDisks;
import dev.janus.isolation.uvm.vm.Vm;
import dev.janus.isolation.uvm.vm.VmHost;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A restarted janusd takes its VMs back: for each VM directory, the VM host re-attaches the
 * running VM (QMP again), the agent gets a new session, LIST_CONTAINERS says what happened
 * meanwhile, and running containers' stdio is attached again so their logs go on. A VM that is
 * gone leaves its pod stopped and its containers exited, with the reason.
 */
final class VmReattach {

    private static final Logger LOG = LoggerFactory.getLogger(VmReattach.class);
    private static final Duration CONNECT = Duration.ofSeconds(60);

    private final VmHost host;
    private final VmImage image;
    private final LayerDisks disks;
    private final ExitRecorder exits;
    private final VolumeShares volumes;

    VmReattach(VmHost host, VmImage image, LayerDisks disks, ExitRecorder exits, VolumeShares volumes) {
        this.host = host;
        this.image = image;
        this.disks = disks;
        this.exits = exits;
        this.volumes = volumes;
    }

    void all(VmDirs dirs, PodTable table) {
        for (Path dir : dirs.all()) {
            Optional<SandboxFile> sandbox = StateFiles.read(StateFiles.sandbox(dir), SandboxFile.class);
            if (sandbox.isEmpty()) {
                LOG.info("removing {}: it records no sandbox", dir);
                Trees.delete(dir);
                continue;
            }
            PodVm pod = new PodVm(dir, sandbox.get());
            StateFiles.containers(dir).forEach(file -> pod.add(new VmContainer(dir, file)));
            table.add(pod);
            if (!sandbox.get().stopped()) {
                reconnect(pod);
            }
            if (pod.vm() == null) {
                exits.podEnded(pod, "its pod's utility VM ended while janusd was down", Instant.now());
            }
        }
    }

    private void reconnect(PodVm pod) {
        Optional<Vm> found;
        try {
            found = host.reattach(VmBoot.config(pod.sandbox(), pod.dir(), image));
        } catch (CriException e) {
            LOG.warn("cannot take back the VM of sandbox {}: {}", pod.id(), e.getMessage());
            return;
        }
        if (found.isEmpty()) {
            LOG.info("the VM of sandbox {} is gone", pod.id());
            return;
        }
        Vm vm = found.get();
        try {
            AgentClient agent = VmBoot.connect(vm, CONNECT);
            pod.connected(vm, agent, new LayerAttachments(vm, agent, disks));
            volumes.adopt(pod, vm);
            resume(pod, agent);
            exits.watch(pod);
            LOG.info("took back the VM of sandbox {} with {} containers", pod.id(), pod.containers().size());
        } catch (CriException e) {
            LOG.warn("the agent of sandbox {} does not answer ({}); killing its VM", pod.id(), e.getMessage());
            vm.kill();
            vm.close();
            pod.connected(null, null, null);
        }
    }

    /** Brings each container's record in line with the guest and takes its output up again. */
    private void resume(PodVm pod, AgentClient agent) {
        Map<String, ContainerInfo> guest = AgentClient.await(agent.listContainers()).stream()
                .collect(Collectors.toMap(ContainerInfo::id, Function.identity()));
        for (VmContainer container : pod.containers()) {
            ContainerFile file = container.file();
            pod.layers().adopt(file.id(), file.layerSerials());
            ContainerInfo info = guest.get(file.id());
            if (info == null) {
                exits.container(container, ExitRecorder.LOST, 0, false, "the guest agent no longer knows this container");
            } else if (info.status() == ContainerStatus.RUNNING) {
                container.started(info.pid(), info.startedAtUnixNanos());
                VmProcesses.relay(container, AgentClient.await(agent.attachContainer(file.id(),
                        VmProcesses.stdio(file))));
            } else if (info.status() == ContainerStatus.EXITED && !file.ended()) {
                // what it wrote after the last janusd stopped reading is still in its pipe
                VmProcesses.relay(container, AgentClient.await(agent.attachContainer(file.id(),
                        VmProcesses.stdio(file))));
                exits.container(container, info.exitCode(), info.finishedAtUnixNanos(), info.oomKilled(), "");
            }
        }
        List<String> unknown = guest.keySet().stream().filter(id -> pod.container(id) == null).toList();
        unknown.forEach(id -> AgentClient.await(agent.deleteContainer(id, true)));
        if (!unknown.isEmpty()) {
            LOG.info("deleted containers {} from the VM of {}: janusd has no record of them", unknown, pod.id());
        }
    }
}
