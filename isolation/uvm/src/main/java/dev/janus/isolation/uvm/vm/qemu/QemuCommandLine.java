package dev.janus.isolation.uvm.vm.qemu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.isolation.uvm.vm.ChannelSpec;
import dev.janus.isolation.uvm.vm.DiskSpec;
import dev.janus.isolation.uvm.vm.NicSpec;
import dev.janus.isolation.uvm.vm.VmConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU command line for a utility VM: a pure function of the config, so every flag is
 * unit-tested without starting QEMU. q35 without defaults, direct kernel boot, console to a
 * file, QMP and channels on unix sockets in the VM directory, each disk and NIC on its own PCIe
 * root port (so it can be unplugged), spare root ports for hot-plug. QEMU daemonizes: it
 * outlives janusd, which finds it again through the pidfile and the QMP socket.
 */
public final class QemuCommandLine {

    /** Root ports sit on slots 0x10 and up of pcie.0, eight functions each. */
    private static final int FIRST_PORT_SLOT = 0x10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private QemuCommandLine() {
    }

    /** argv, with {@code nsenter --net=} in front when the VM joins a pod's network namespace. */
    public static List<String> launch(VmConfig config, Accel accel, QemuOptions options) {
        List<String> argv = new ArrayList<>();
        config.netns().ifPresent(netns -> argv.addAll(List.of("nsenter", "--net=" + netns, "--")));
        argv.addAll(qemu(config, accel, options));
        return argv;
    }

    static List<String> qemu(VmConfig config, Accel accel, QemuOptions options) {
        QemuFiles files = new QemuFiles(config.vmDir());
        List<String> a = new ArrayList<>();
        a.add(options.binary().toString());
        add(a, "-name", "janus-" + config.id() + ",debug-threads=on");
        add(a, "-machine", "q35");
        add(a, "-accel", accel.accelOption());
        add(a, "-cpu", options.cpuModel(accel));
        add(a, "-m", config.memoryMib() + "M");
        add(a, "-smp", String.valueOf(config.vcpus()));
        a.addAll(List.of("-nodefaults", "-no-user-config", "-display", "none", "-no-reboot"));
        add(a, "-kernel", config.kernel().toAbsolutePath().toString());
        add(a, "-initrd", config.initrd().toAbsolutePath().toString());
        add(a, "-append", kernelCommandLine(config));
        add(a, "-chardev", "file,id=console,path=" + escape(files.consoleLog()));
        add(a, "-serial", "chardev:console");
        add(a, "-qmp", "unix:" + escape(files.qmpSocket()) + ",server=on,wait=off");
        add(a, "-pidfile", files.pidFile().toString());
        a.add("-daemonize");
        add(a, "-object", "rng-random,id=rng0,filename=/dev/urandom");
        add(a, "-device", "virtio-rng-pci,id=rng,rng=rng0");
        // the guest hands pages it frees back to the host: QEMU's RSS follows the guest's use
        add(a, "-device", "virtio-balloon-pci,id=balloon,free-page-reporting=on");
        add(a, "-device", "virtio-serial-pci,id=vser0");
        for (ChannelSpec channel : config.channels()) {
            add(a, "-chardev", channelChardev(files, channel));
            add(a, "-device", channelDevice(channel));
        }
        int ports = config.disks().size() + config.nics().size() + options.spareRootPorts();
        for (int i = 0; i < ports; i++) {
            add(a, "-device", rootPort(i));
        }
        int port = 0;
        for (DiskSpec disk : config.disks()) {
            add(a, "-blockdev", blockdev(disk));
            add(a, "-device", diskDevice(disk, rootPortId(port++)));
        }
        for (NicSpec nic : config.nics()) {
            add(a, "-netdev", "tap,id=" + netdevId(nic.id()) + ",ifname=" + nic.tapName()
                    + ",script=no,downscript=no,vhost=off");
            add(a, "-device", nicDevice(nic, rootPortId(port++)));
        }
        return a;
    }

    /** Serial console, no reboot loop on panic, and where /init finds the agent channel. */
    public static String kernelCommandLine(VmConfig config) {
        String line = "console=ttyS0 panic=-1 janus.agent=" + config.agentChannel().name();
        return config.kernelArgs().isEmpty() ? line : line + " " + config.kernelArgs();
    }

    static String rootPort(int index) {
        int slot = FIRST_PORT_SLOT + index / 8;
        int function = index % 8;
        return "pcie-root-port,id=" + rootPortId(index) + ",bus=pcie.0,chassis=" + (index + 1)
                + ",addr=0x" + Integer.toHexString(slot) + "." + function
                + (function == 0 ? ",multifunction=on" : "");
    }

    static String rootPortId(int index) {
        return "rp" + index;
    }

    /** The -blockdev / QMP blockdev-add argument: a raw image over a file, read-only for layers. */
    static ObjectNode blockdevJson(DiskSpec disk) {
        ObjectNode node = JSON.createObjectNode();
        node.put("driver", "raw");
        node.put("node-name", blockNode(disk.id()));
        node.put("read-only", disk.readOnly());
        ObjectNode file = node.putObject("file");
        file.put("driver", "file");
        file.put("filename", disk.file().toAbsolutePath().toString());
        file.put("read-only", disk.readOnly());
        return node;
    }

    static String blockdev(DiskSpec disk) {
        return blockdevJson(disk).toString();
    }

    static String diskDevice(DiskSpec disk, String bus) {
        return "virtio-blk-pci,id=" + diskDeviceId(disk.id()) + ",drive=" + blockNode(disk.id())
                + ",serial=" + disk.id() + ",bus=" + bus;
    }

    static String nicDevice(NicSpec nic, String bus) {
        return "virtio-net-pci,id=" + nicDeviceId(nic.id()) + ",netdev=" + netdevId(nic.id())
                + ",mac=" + nic.mac() + ",bus=" + bus;
    }

    static String channelChardev(QemuFiles files, ChannelSpec channel) {
        return "socket,id=" + chardevId(channel.name()) + ",path=" + escape(files.channelSocket(channel))
                + ",server=on,wait=off";
    }

    static String channelDevice(ChannelSpec channel) {
        return "virtserialport,id=" + portId(channel.name()) + ",bus=vser0.0,chardev="
                + chardevId(channel.name()) + ",name=" + channel.name();
    }

    static String blockNode(String diskId) {
        return "disk-" + diskId;
    }

    static String diskDeviceId(String diskId) {
        return "vd-" + diskId;
    }

    static String netdevId(String nicId) {
        return "net-" + nicId;
    }

    static String nicDeviceId(String nicId) {
        return "nic-" + nicId;
    }

    static String chardevId(String channel) {
        return "chan-" + channel;
    }

    static String portId(String channel) {
        return "port-" + channel;
    }

    /** QEMU's option syntax: a comma inside a value is written twice. */
    static String escape(Path path) {
        return path.toString().replace(",", ",,");
    }

    private static void add(List<String> argv, String flag, String value) {
        argv.add(flag);
        argv.add(value);
    }
}
