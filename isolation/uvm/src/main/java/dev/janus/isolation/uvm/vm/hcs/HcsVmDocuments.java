package dev.janus.isolation.uvm.vm.hcs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.isolation.uvm.vm.ChannelSpec;
import dev.janus.isolation.uvm.vm.DiskAddress;
import dev.janus.isolation.uvm.vm.DiskSpec;
import dev.janus.isolation.uvm.vm.NicSpec;
import dev.janus.isolation.uvm.vm.VmConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The HCS schema 2.1 documents of a Linux utility VM: the ComputeSystem to create (kernel and
 * initrd booted directly, memory and vCPUs from the pod, cold disks on VPMem or SCSI, hvsock
 * services for the channels, NICs on HNS endpoints) and the ModifySettingRequests that hot-add
 * and remove. Pure functions of their inputs; the field names are HCS's (case matters).
 */
public final class HcsVmDocuments {

    /** The LCOW SCSI controllers' fixed VMBus GUIDs; the guest maps index i to the i-th. */
    static final List<String> SCSI_CONTROLLERS = List.of("df6d0690-79e5-55b6-a5ec-c1e2f77f580a",
            "0110f83b-de10-5172-a266-78bca56bf50a", "b5d2d8d4-3a75-51bf-945b-3444dc6b8579",
            "305891a9-b251-5dfe-91a2-c25d9212275b");
    /** SYSTEM and Administrators only: janusd runs as one of them. */
    static final String SYSTEM_AND_ADMINS = "D:P(A;;FA;;;SY)(A;;FA;;;BA)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HcsVmDocuments() {
    }

    /** The HCS system id of a VM ({@code <id>@vm}, hcsshim's convention). */
    public static String systemId(VmConfig config) {
        return config.id() + "@vm";
    }

    static ObjectNode computeSystem(VmConfig config, HcsOptions options, DiskPlacement placement) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Owner", options.owner());
        doc.putObject("SchemaVersion").put("Major", 2).put("Minor", 1);
        doc.put("ShouldTerminateOnLastHandleClosed", options.terminateOnLastHandleClosed());
        ObjectNode vm = doc.putObject("VirtualMachine");
        vm.put("StopOnReset", true);
        vm.putObject("Chipset").putObject("LinuxKernelDirect")
                .put("KernelFilePath", config.kernel().toString())
                .put("InitRdPath", config.initrd().toString())
                .put("KernelCmdLine", kernelCommandLine(config, options));
        ObjectNode topology = vm.putObject("ComputeTopology");
        topology.putObject("Memory").put("SizeInMB", evenMegabytes(config.memoryMib()))
                .put("AllowOvercommit", true).put("EnableDeferredCommit", false);
        topology.putObject("Processor").put("Count", config.vcpus());
        ObjectNode devices = vm.putObject("Devices");
        ObjectNode scsi = devices.putObject("Scsi");
        for (int i = 0; i < options.scsiControllers(); i++) {
            scsi.putObject(SCSI_CONTROLLERS.get(i));
        }
        if (options.vpmemDevices() > 0) {
            devices.putObject("VirtualPMem").put("MaximumCount", options.vpmemDevices())
                    .put("MaximumSizeBytes", options.vpmemMaxBytes());
        }
        for (DiskSpec disk : config.disks()) {
            switch (placement.place(disk)) {
                case DiskAddress.Pmem p -> ((ObjectNode) devices.get("VirtualPMem")).withObjectProperty("Devices")
                        .set(String.valueOf(p.device()), vpmemDevice(disk.file()));
                case DiskAddress.Scsi s -> ((ObjectNode) scsi.get(SCSI_CONTROLLERS.get(s.controller())))
                        .withObjectProperty("Attachments").set(String.valueOf(s.lun()), attachment(disk));
                case DiskAddress.Serial s -> throw new IllegalStateException("no serials under Hyper-V");
            }
        }
        ObjectNode hvSocket = devices.putObject("HvSocket").putObject("HvSocketConfig");
        hvSocket.put("DefaultBindSecurityDescriptor", SYSTEM_AND_ADMINS);
        ObjectNode services = hvSocket.putObject("ServiceTable");
        for (ChannelSpec channel : config.channels()) {
            services.set(channel.hvSocketServiceId(), hvSocketService());
        }
        if (!config.nics().isEmpty()) {
            ObjectNode nics = devices.putObject("NetworkAdapters");
            for (NicSpec nic : config.nics()) {
                nics.set(nicId(config, nic.id()), networkAdapter(nic));
            }
        }
        if (options.consolePipe()) {
            devices.putObject("ComPorts").putObject("0").put("NamedPipe", consolePipe(config));
        }
        return doc;
    }

    /**
     * The guest kernel's command line: serial console only when a pipe listens (an absent
     * UART costs boot time), no PCI bus (Hyper-V devices are on VMBus), a panic ends the VM,
     * and {@code janus.vsock=} tells /init the agent's port.
     */
    static String kernelCommandLine(VmConfig config, HcsOptions options) {
        String console = options.consolePipe() ? "console=ttyS0 8250_core.nr_uarts=1" : "8250_core.nr_uarts=0 quiet";
        String line = console + " panic=-1 pci=off nr_cpus=" + config.vcpus() + " brd.rd_nr=0 pmtmr=0 janus.vsock="
                + config.agentChannel().vsockPort();
        return config.kernelArgs().isEmpty() ? line : line + " " + config.kernelArgs();
    }

    static String consolePipe(VmConfig config) {
        return "\\\\.\\pipe\\janus-" + config.id() + "-console";
    }

    /** A stable adapter GUID per VM and NIC, so re-created documents are identical. */
    static String nicId(VmConfig config, String nic) {
        return UUID.nameUUIDFromBytes((config.id() + "/nic/" + nic).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static int evenMegabytes(int mib) {
        return mib + (mib & 1);
    }

    static ObjectNode addDisk(DiskAddress address, DiskSpec disk) {
        return switch (address) {
            case DiskAddress.Pmem p -> request(vpmemPath(p), "Add").set("Settings", vpmemDevice(disk.file()));
            case DiskAddress.Scsi s -> request(scsiPath(s), "Add").set("Settings", attachment(disk));
            case DiskAddress.Serial s -> throw new IllegalArgumentException("no serials under Hyper-V");
        };
    }

    static ObjectNode removeDisk(DiskAddress address) {
        return switch (address) {
            case DiskAddress.Pmem p -> request(vpmemPath(p), "Remove");
            case DiskAddress.Scsi s -> request(scsiPath(s), "Remove");
            case DiskAddress.Serial s -> throw new IllegalArgumentException("no serials under Hyper-V");
        };
    }

    static ObjectNode addNic(VmConfig config, NicSpec nic) {
        return request("VirtualMachine/Devices/NetworkAdapters/" + nicId(config, nic.id()), "Add")
                .set("Settings", networkAdapter(nic));
    }

    static ObjectNode removeNic(VmConfig config, String nicId) {
        return request("VirtualMachine/Devices/NetworkAdapters/" + nicId(config, nicId), "Remove");
    }

    /** HCS creates the service entry on Update when it does not exist. */
    static ObjectNode addChannel(ChannelSpec channel) {
        return request(servicePath(channel), "Update").set("Settings", hvSocketService());
    }

    static ObjectNode removeChannel(ChannelSpec channel) {
        return request(servicePath(channel), "Remove");
    }

    private static ObjectNode request(String path, String type) {
        return JSON.createObjectNode().put("ResourcePath", path).put("RequestType", type);
    }

    private static String vpmemPath(DiskAddress.Pmem p) {
        return "VirtualMachine/Devices/VirtualPMem/Devices/" + p.device();
    }

    private static String scsiPath(DiskAddress.Scsi s) {
        return "VirtualMachine/Devices/Scsi/" + SCSI_CONTROLLERS.get(s.controller()) + "/Attachments/" + s.lun();
    }

    private static String servicePath(ChannelSpec channel) {
        return "VirtualMachine/Devices/HvSocket/HvSocketConfig/ServiceTable/" + channel.hvSocketServiceId();
    }

    private static ObjectNode vpmemDevice(Path file) {
        return JSON.createObjectNode().put("HostPath", file.toString()).put("ReadOnly", true).put("ImageFormat", "Vhd1");
    }

    private static ObjectNode attachment(DiskSpec disk) {
        return JSON.createObjectNode().put("Type", "VirtualDisk").put("Path", disk.file().toString())
                .put("ReadOnly", disk.readOnly());
    }

    private static ObjectNode hvSocketService() {
        return JSON.createObjectNode().put("BindSecurityDescriptor", SYSTEM_AND_ADMINS)
                .put("ConnectSecurityDescriptor", SYSTEM_AND_ADMINS).put("AllowWildcardBinds", true);
    }

    /** HCS and HNS write MACs upper-case with dashes. */
    private static ObjectNode networkAdapter(NicSpec nic) {
        return JSON.createObjectNode().put("EndpointId", nic.endpoint())
                .put("MacAddress", nic.mac().replace(':', '-').toUpperCase(Locale.ROOT));
    }
}
