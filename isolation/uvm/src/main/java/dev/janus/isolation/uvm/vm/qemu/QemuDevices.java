package dev.janus.isolation.uvm.vm.qemu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.isolation.uvm.vm.ChannelSpec;
import dev.janus.isolation.uvm.vm.DiskAddress;
import dev.janus.isolation.uvm.vm.DiskSpec;
import dev.janus.isolation.uvm.vm.NicSpec;
import dev.janus.isolation.uvm.vm.VmConfig;
import dev.janus.isolation.uvm.vm.VmException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Hot-plug of disks, NICs and channels through QMP. Adding = backend ({@code blockdev-add},
 * {@code netdev_add}, {@code chardev-add}) then {@code device_add}, the backend rolled back if
 * the device fails; removing = {@code device_del}, wait for the guest to let go
 * (DEVICE_DELETED), then the backend.
 */
final class QemuDevices {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QMP_TIMEOUT = Duration.ofSeconds(10);
    /** Linux waits 5 s after a PCIe attention button before it powers a slot off. */
    private static final Duration UNPLUG_TIMEOUT = Duration.ofSeconds(30);

    private final VmConfig config;
    private final QemuFiles files;
    private final Supplier<Qmp> qmp;
    private final RootPorts ports;
    private final Set<String> disks = ConcurrentHashMap.newKeySet();
    private final Map<String, NicSpec> nics = new ConcurrentHashMap<>();
    private final Map<String, ChannelSpec> channels = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> unplugs = new ConcurrentHashMap<>();

    QemuDevices(VmConfig config, Supplier<Qmp> qmp, RootPorts ports) {
        this.config = config;
        this.files = new QemuFiles(config.vmDir());
        this.qmp = qmp;
        this.ports = ports;
        config.disks().forEach(d -> disks.add(d.id()));
        config.nics().forEach(n -> nics.put(n.id(), n));
        config.channels().forEach(c -> channels.put(c.name(), c));
    }

    /**
     * Takes in the disks QEMU has now (re-attach: some were hot-added by the previous janusd,
     * some removed); {@code deviceIds} are qdev ids as {@code query-pci} reports them.
     */
    synchronized void adoptDisks(Set<String> deviceIds) {
        disks.clear();
        deviceIds.stream().filter(d -> d.startsWith("vd-")).map(d -> d.substring(3)).forEach(disks::add);
    }

    /** QEMU's DEVICE_DELETED event for one of our devices. */
    void deviceDeleted(String deviceId) {
        CompletableFuture<Void> unplug = unplugs.get(deviceId);
        if (unplug != null) {
            unplug.complete(null);
        }
    }

    synchronized void addDisk(DiskSpec disk) {
        if (disks.contains(disk.id())) {
            throw VmException.exists(config.id(), "disk " + disk.id());
        }
        String device = QemuCommandLine.diskDeviceId(disk.id());
        String bus = ports.take(device);
        try {
            execute("blockdev-add", QemuCommandLine.blockdevJson(disk));
            try {
                execute("device_add", JSON.createObjectNode().put("driver", "virtio-blk-pci").put("id", device)
                        .put("drive", QemuCommandLine.blockNode(disk.id())).put("serial", disk.id()).put("bus", bus));
            } catch (RuntimeException e) {
                quietly("blockdev-del", JSON.createObjectNode().put("node-name", QemuCommandLine.blockNode(disk.id())));
                throw e;
            }
        } catch (RuntimeException e) {
            ports.release(device);
            throw e;
        }
        disks.add(disk.id());
    }

    DiskAddress diskAddress(String diskId) {
        if (!disks.contains(diskId)) {
            throw VmException.notFound(config.id(), "disk " + diskId);
        }
        return new DiskAddress.Serial(diskId);
    }

    synchronized void removeDisk(String diskId) {
        if (!disks.contains(diskId)) {
            throw VmException.notFound(config.id(), "disk " + diskId);
        }
        String device = QemuCommandLine.diskDeviceId(diskId);
        unplug(device);
        execute("blockdev-del", JSON.createObjectNode().put("node-name", QemuCommandLine.blockNode(diskId)));
        ports.release(device);
        disks.remove(diskId);
    }

    synchronized void addNic(NicSpec nic) {
        if (nics.containsKey(nic.id())) {
            throw VmException.exists(config.id(), "NIC " + nic.id());
        }
        String device = QemuCommandLine.nicDeviceId(nic.id());
        String netdev = QemuCommandLine.netdevId(nic.id());
        String bus = ports.take(device);
        try {
            execute("netdev_add", JSON.createObjectNode().put("type", "tap").put("id", netdev)
                    .put("ifname", nic.tapName()).put("script", "no").put("downscript", "no").put("vhost", false));
            try {
                execute("device_add", JSON.createObjectNode().put("driver", "virtio-net-pci").put("id", device)
                        .put("netdev", netdev).put("mac", nic.mac()).put("bus", bus));
            } catch (RuntimeException e) {
                quietly("netdev_del", JSON.createObjectNode().put("id", netdev));
                throw e;
            }
        } catch (RuntimeException e) {
            ports.release(device);
            throw e;
        }
        nics.put(nic.id(), nic);
        config.netns().ifPresent(netns -> TapBridge.connect(netns, nic.endpoint(), nic.tapName()));
    }

    synchronized void removeNic(String nicId) {
        NicSpec nic = nics.get(nicId);
        if (nic == null) {
            throw VmException.notFound(config.id(), "NIC " + nicId);
        }
        config.netns().ifPresent(netns -> TapBridge.disconnect(netns, nic.endpoint(), nic.tapName()));
        String device = QemuCommandLine.nicDeviceId(nicId);
        unplug(device);
        execute("netdev_del", JSON.createObjectNode().put("id", QemuCommandLine.netdevId(nicId)));
        ports.release(device);
        nics.remove(nicId);
    }

    synchronized void addChannel(ChannelSpec channel) {
        if (channels.containsKey(channel.name())) {
            throw VmException.exists(config.id(), "channel " + channel.name());
        }
        ObjectNode arguments = JSON.createObjectNode().put("id", QemuCommandLine.chardevId(channel.name()));
        ObjectNode socket = arguments.putObject("backend").put("type", "socket").putObject("data");
        socket.putObject("addr").put("type", "unix").putObject("data")
                .put("path", files.channelSocket(channel).toString());
        socket.put("server", true).put("wait", false);
        execute("chardev-add", arguments);
        try {
            execute("device_add", JSON.createObjectNode().put("driver", "virtserialport")
                    .put("id", QemuCommandLine.portId(channel.name())).put("bus", "vser0.0")
                    .put("chardev", QemuCommandLine.chardevId(channel.name())).put("name", channel.name()));
        } catch (RuntimeException e) {
            quietly("chardev-remove", JSON.createObjectNode().put("id", QemuCommandLine.chardevId(channel.name())));
            throw e;
        }
        channels.put(channel.name(), channel);
    }

    synchronized void adoptChannel(ChannelSpec channel) {
        channels.putIfAbsent(channel.name(), channel);
    }

    synchronized void removeChannel(String name) {
        if (!channels.containsKey(name)) {
            throw VmException.notFound(config.id(), "channel " + name);
        }
        unplug(QemuCommandLine.portId(name));
        execute("chardev-remove", JSON.createObjectNode().put("id", QemuCommandLine.chardevId(name)));
        channels.remove(name);
    }

    ChannelSpec channel(String name) {
        ChannelSpec channel = channels.get(name);
        if (channel == null) {
            throw VmException.notFound(config.id(), "channel " + name);
        }
        return channel;
    }

    /** Asks QEMU to unplug a device and waits until the guest has released it. */
    private void unplug(String deviceId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        unplugs.put(deviceId, done);
        try {
            execute("device_del", JSON.createObjectNode().put("id", deviceId));
            done.get(UNPLUG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new VmException(VmException.Kind.DEADLINE_EXCEEDED, "VM " + config.id()
                    + " did not release " + deviceId + " within " + UNPLUG_TIMEOUT.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw VmException.failed("unplugging " + deviceId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VmException.failed("interrupted while unplugging " + deviceId, e);
        } finally {
            unplugs.remove(deviceId);
        }
    }

    private void execute(String command, ObjectNode arguments) {
        Qmp connection = qmp.get();
        if (connection == null) {
            throw VmException.notRunning(config.id());
        }
        try {
            connection.execute(command, arguments, QMP_TIMEOUT);
        } catch (IOException e) {
            throw VmException.failed("VM " + config.id() + ": " + e.getMessage(), e);
        }
    }

    private void quietly(String command, ObjectNode arguments) {
        try {
            execute(command, arguments);
        } catch (RuntimeException e) {
            // rolling back a half-done add: the first error is the one to report
        }
    }
}
