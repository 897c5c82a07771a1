package dev.janus.isolation.uvm;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.errors.CriException;
import dev.janus.guest.protocol.ops.CreateContainer;
import dev.janus.guest.protocol.ops.MountDisk;
import dev.janus.isolation.ContainerSpec;
import dev.janus.isolation.ContainerState;
import dev.janus.isolation.fs.Trees;
import dev.janus.isolation.uvm.agent.AgentClient;
import dev.janus.isolation.uvm.disk.ScratchDisk;
import dev.janus.isolation.uvm.vm.DiskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CreateContainer and RemoveContainer of a VM pod: the disks (the image's layers, shared in the
 * VM, and a scratch disk of its own), the CRI mounts shared over 9P, the OCI spec built on the host,
 * and the guest's bundle. The record is written first, so whatever a crash leaves half-made is
 * known and removed.
 */
final class VmContainers {

    private static final Logger LOG = LoggerFactory.getLogger(VmContainers.class);
    private static final long DISK_WAIT_MILLIS = 30_000;

    private final PodTable table;
    private final GuestSpecs specs;
    private final WindowsConfigMapper windows;
    private final VolumeShares volumes;
    private final int scratchGib;

    VmContainers(PodTable table, GuestSpecs specs, WindowsConfigMapper windows, VolumeShares volumes,
            int scratchGib) {
        this.table = table;
        this.specs = specs;
        this.windows = windows;
        this.volumes = volumes;
        this.scratchGib = scratchGib;
    }

    void create(ContainerSpec spec) {
        PodVm pod = table.pod(spec.sandboxId());
        if (pod == null) {
            throw CriException.notFound("linux-vm handler has no sandbox %s", spec.sandboxId());
        }
        AgentClient agent = pod.agent();
        if (table.container(spec.id()) != null) {
            throw CriException.alreadyExists("container %s exists", spec.id());
        }
        ContainerConfig config = windows.toLinux(spec.config());
        String scratch = "s-" + VmDirs.shortId(spec.id());
        ContainerFile file = new ContainerFile(spec.id(), spec.sandboxId(),
                spec.logPath() == null ? "" : spec.logPath().toString(), config.getTty(), config.getStdin(),
                config.getStdinOnce(), spec.layers().stream().map(LayerAttachments::serial).toList(), scratch,
                ContainerState.Status.CREATED, 0, ContainerFile.nanos(Instant.now()), 0, 0, 0, "", false);
        VmContainer container = new VmContainer(pod.dir(), file);
        container.save(file);
        table.add(pod, container);
        try {
            pod.layers().acquire(spec.id(), spec.layers());
            attachScratch(pod, scratch, WindowsConfigMapper.rootfsGib(spec.config()).orElse(scratchGib));
            ContainerConfig shared = volumes.mount(pod, config, spec.id());
            ContainerSpec guest = new ContainerSpec(spec.id(), spec.sandboxId(), shared, spec.sandboxConfig(),
                    spec.image(), spec.imageRef(), spec.layers(), spec.logPath(), GuestPaths.podFiles(spec.podFiles()));
            byte[] oci;
            try (HostOverlay view = HostOverlay.of(spec.layers(), pod.dir().resolve("view-" + scratch))) {
                oci = specs.container(guest, view.root(), targetPid(shared));
            }
            StateFiles.writeBytes(StateFiles.spec(pod.dir(), spec.id()), oci);
            createInGuest(agent, file, oci);
            logDir(file);
        } catch (IOException | RuntimeException e) {
            CriException failure = e instanceof CriException c ? c
                    : CriException.internal("cannot create container " + spec.id(), e);
            try {
                remove(spec.id());
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        } finally {
            Trees.delete(pod.dir().resolve("view-" + scratch));
        }
    }

    static void createInGuest(AgentClient agent, ContainerFile file, byte[] oci) {
        AgentClient.await(agent.createContainer(new CreateContainer.Request(file.id(), oci, file.layerSerials(),
                file.scratchSerial(), GuestPaths.cgroupsPath(file.id()), file.tty())));
    }

    private static void attachScratch(PodVm pod, String serial, int gib) {
        Path image = scratchImage(pod, serial);
        ScratchDisk.create(image, gib, false);
        pod.vm().hotAddDisk(DiskSpec.scratch(serial, image));
        AgentClient.await(pod.agent().mountDisk(new MountDisk.Request(serial, false, "ext4", List.of(),
                DISK_WAIT_MILLIS)));
    }

    /** Kills what runs, deletes the guest's bundle, frees the disks and the files. Unknown: nothing to do. */
    void remove(String containerId) {
        PodVm pod = table.podOf(containerId);
        VmContainer container = pod == null ? null : pod.container(containerId);
        if (container == null) {
            return;
        }
        ContainerFile file = container.file();
        if (pod.running()) {
            AgentClient agent = pod.agent();
            AgentClient.await(agent.deleteContainer(containerId, true));
            container.closeStdin();
            detachScratch(pod, agent, file.scratchSerial());
            pod.layers().release(containerId);
        }
        volumes.release(pod, containerId);
        OutputRelay relay = container.relay();
        if (relay != null) {
            relay.log().close();
        }
        table.remove(pod, containerId);
        StateFiles.delete(scratchImage(pod, file.scratchSerial()), StateFiles.spec(pod.dir(), containerId),
                StateFiles.container(pod.dir(), containerId));
        LOG.info("container {} removed from sandbox {}", containerId, pod.id());
    }

    private static void detachScratch(PodVm pod, AgentClient agent, String serial) {
        try {
            AgentClient.await(agent.unmountDisk(serial));
            pod.vm().removeDisk(serial);
        } catch (CriException e) {
            if (e.kind() != CriException.Kind.NOT_FOUND) {
                LOG.warn("scratch disk {} stays attached to the VM of {}: {}", serial, pod.id(), e.getMessage());
            }
        }
    }

    static Path scratchImage(PodVm pod, String serial) {
        return pod.dir().resolve(serial + ".img");
    }

    /** The guest pid of the container whose pid namespace a TARGET mode joins; 0 for other modes. */
    private int targetPid(ContainerConfig config) {
        var ns = config.getLinux().getSecurityContext().getNamespaceOptions();
        if (ns.getPid() != NamespaceMode.TARGET) {
            return 0;
        }
        VmContainer target = table.container(ns.getTargetId());
        if (target == null || target.file().status() != ContainerState.Status.RUNNING) {
            throw CriException.notFound("target container %s of the pid namespace is not running", ns.getTargetId());
        }
        return target.file().guestPid();
    }

    /** Creates the directory of the log file, as the runtime's monitor would. */
    static void logDir(ContainerFile file) {
        if (!file.logPath().isEmpty()) {
            try {
                Files.createDirectories(Path.of(file.logPath()).toAbsolutePath().getParent());
            } catch (IOException e) {
                throw CriException.internal("cannot create the log directory of " + file.id(), e);
            }
        }
    }
}
