package dev.janus.isolation.uvm;

import dev.janus.cri.errors.CriException;
import dev.janus.guest.protocol.ops.MountDisk;
import dev.janus.isolation.uvm.agent.AgentClient;
import dev.janus.isolation.uvm.disk.LayerDisks;
import dev.janus.isolation.uvm.vm.DiskSpec;
import dev.janus.isolation.uvm.vm.Vm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image layers one VM has attached, counted by the containers that use them: a layer disk
 * is hot-added and mounted (read-only) when the first container needs it, and unmounted and
 * detached when the last one is removed. The disks are keyed by the layer directory's absolute
 * path (hashed): the image store never reuses a snapshot directory for other content.
 */
final class LayerAttachments {

    private static final Logger LOG = LoggerFactory.getLogger(LayerAttachments.class);
    private static final long MOUNT_WAIT_MILLIS = 30_000;

    private final Vm vm;
    private final AgentClient agent;
    private final LayerDisks disks;
    private final Map<String, Set<String>> users = new HashMap<>();

    LayerAttachments(Vm vm, AgentClient agent, LayerDisks disks) {
        this.vm = vm;
        this.agent = agent;
        this.disks = disks;
    }

    /** The disk serial a layer directory gets (virtio-blk serial: {@code l-} and 16 hex). */
    static String serial(Path layer) {
        return LayerDisks.diskId(digest(layer));
    }

    /** Attaches and mounts what is missing; returns the serials, topmost first. */
    synchronized List<String> acquire(String containerId, List<Path> layers) {
        List<String> serials = new ArrayList<>();
        List<CompletableFuture<MountDisk.Reply>> mounts = new ArrayList<>();
        try {
            for (Path layer : layers) {
                String serial = serial(layer);
                serials.add(serial);
                Set<String> using = users.computeIfAbsent(serial, s -> new HashSet<>());
                if (using.isEmpty()) {
                    attach(serial, layer);
                    mounts.add(agent.mountDisk(new MountDisk.Request(serial, true, "ext4", List.of(),
                            MOUNT_WAIT_MILLIS)));
                }
                using.add(containerId);
            }
            AgentClient.await(CompletableFuture.allOf(mounts.toArray(CompletableFuture[]::new)));
            return serials;
        } catch (RuntimeException e) {
            release(containerId);
            throw e;
        }
    }

    private void attach(String serial, Path layer) {
        Path image = disks.ensure(digest(layer), layer);
        try {
            vm.hotAddDisk(DiskSpec.layer(serial, image));
        } catch (CriException e) {
            // attached by a container whose creation a janusd crash cut short: use it
            if (e.kind() != CriException.Kind.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    /** Takes in a container's layers after a restart: the VM has them attached already. */
    synchronized void adopt(String containerId, List<String> serials) {
        serials.forEach(s -> users.computeIfAbsent(s, k -> new HashSet<>()).add(containerId));
    }

    /** Drops a container's use; layers nobody uses any more are unmounted and detached. */
    synchronized void release(String containerId) {
        for (var entry : new ArrayList<>(users.entrySet())) {
            if (entry.getValue().remove(containerId) && entry.getValue().isEmpty()) {
                users.remove(entry.getKey());
                detach(entry.getKey());
            }
        }
    }

    private void detach(String serial) {
        try {
            AgentClient.await(agent.unmountDisk(serial));
            vm.removeDisk(serial);
        } catch (CriException e) {
            // the VM may be going down; a disk left attached goes with it
            LOG.warn("layer disk {} stays attached to VM {}: {}", serial, vm.id(), e.getMessage());
        }
    }

    /** A layer digest standing for the directory: {@code sha256:<hex of its absolute path>}. */
    static String digest(Path layer) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(layer.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
