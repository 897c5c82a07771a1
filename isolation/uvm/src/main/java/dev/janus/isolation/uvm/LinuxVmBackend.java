package dev.janus.isolation.uvm;

import dev.janus.isolation.Availability;
import dev.janus.isolation.HostContext;
import dev.janus.isolation.RuntimeHandler;
import dev.janus.isolation.RuntimeHandlerFactory;
import dev.janus.isolation.uvm.vm.VmHost;
import dev.janus.isolation.uvm.vm.hcs.HcsOptions;
import dev.janus.isolation.uvm.vm.hcs.HcsVmHost;
import dev.janus.isolation.uvm.vm.qemu.Accel;
import dev.janus.isolation.uvm.vm.qemu.QemuOptions;
import dev.janus.isolation.uvm.vm.qemu.QemuVmHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code uvm} backend: linux-vm handlers, one utility VM per pod. It says it cannot run when
 * its options are wrong, when the VM image is not built (naming the command that builds it),
 * when the VM host cannot run here (no QEMU; HCS off Windows), or when a host tool the pod's
 * disks and network need is missing.
 */
public final class LinuxVmBackend implements RuntimeHandlerFactory {

    private static final List<Path> LINUX_TOOLS = List.of(Path.of("/usr/sbin/mke2fs"), Path.of("/usr/bin/mount"));

    @Override
    public String backend() {
        return "uvm";
    }

    @Override
    public Availability probe(Map<String, Object> options, HostContext host) {
        LinuxVmOptions vm;
        try {
            vm = LinuxVmOptions.from(options);
        } catch (IllegalArgumentException e) {
            return Availability.no("bad options for the uvm backend: " + e.getMessage());
        }
        String os = System.getProperty("os.name");
        String vmHost = vm.effectiveVmHost(os);
        if (vmHost.equals("hcs") != os.toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
            return Availability.no("the " + vmHost + " VM host does not run on " + os);
        }
        if (VmImage.in(vm.imageDir()).isEmpty()) {
            return Availability.no(VmImage.missing(vm.imageDir()));
        }
        Availability hostAvailable = vmHost(vm).availability();
        if (!hostAvailable.available() || vmHost.equals("hcs")) {
            return hostAvailable;
        }
        for (Path tool : LINUX_TOOLS) {
            if (!Files.isExecutable(tool)) {
                return Availability.no(tool + " is missing: apt-get install e2fsprogs mount");
            }
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/tc")) && !Files.isExecutable(Path.of("/sbin/tc"))) {
            return Availability.no("tc is missing (it bridges the pod's interface to the VM): apt-get install iproute2");
        }
        return Availability.yes();
    }

    @Override
    public RuntimeHandler create(String handlerName, Map<String, Object> options, HostContext host) {
        LinuxVmOptions vm = LinuxVmOptions.from(options);
        VmImage image = VmImage.in(vm.imageDir())
                .orElseThrow(() -> new IllegalStateException(VmImage.missing(vm.imageDir())));
        return new LinuxVmHandler(handlerName, vm, image, vmHost(vm), host);
    }

    static VmHost vmHost(LinuxVmOptions options) {
        if (options.effectiveVmHost(System.getProperty("os.name")).equals("hcs")) {
            return new HcsVmHost(HcsOptions.defaults());
        }
        QemuOptions qemu = QemuOptions.defaults().withTcgCpu(options.tcgCpu());
        Optional<Accel> forced = switch (options.accel()) {
            case "kvm" -> Optional.of(Accel.KVM);
            case "tcg" -> Optional.of(Accel.TCG);
            default -> Optional.empty();
        };
        return new QemuVmHost(forced.map(qemu::withAccel).orElse(qemu));
    }
}
