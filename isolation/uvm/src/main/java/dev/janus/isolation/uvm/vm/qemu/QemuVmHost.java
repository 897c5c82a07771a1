package dev.janus.isolation.uvm.vm.qemu;

import dev.janus.isolation.Availability;
import dev.janus.isolation.uvm.vm.Vm;
import dev.janus.isolation.uvm.vm.VmConfig;
import dev.janus.isolation.uvm.vm.VmException;
import dev.janus.isolation.uvm.vm.VmHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Utility VMs as QEMU processes: KVM when a probe shows it boots a kernel, TCG otherwise. Each
 * VM runs in the pod's network namespace (its taps live there), detached from janusd.
 */
public final class QemuVmHost implements VmHost {

    private final QemuOptions options;
    private final Map<String, QemuVm> vms = new ConcurrentHashMap<>();

    public QemuVmHost(QemuOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "qemu";
    }

    @Override
    public Availability availability() {
        if (!Files.isExecutable(options.binary())) {
            return Availability.no(options.binary() + " is missing: apt-get install qemu-system-x86");
        }
        if (!isExecutableOnPath("nsenter")) {
            return Availability.no("nsenter is missing: apt-get install util-linux");
        }
        return Availability.yes();
    }

    /** KVM or TCG for VMs booting this kernel, and why (forced, or what the probe saw). */
    public KvmProbe.Result accel(Path kernel) {
        return options.accel()
                .map(forced -> new KvmProbe.Result(forced, "set in the configuration"))
                .orElseGet(() -> KvmProbe.accel(options.binary(), kernel, options.probeTimeout()));
    }

    @Override
    public Vm create(VmConfig config) {
        QemuVm vm = new QemuVm(config, accel(config.kernel()).accel(), options);
        if (vms.putIfAbsent(config.id(), vm) != null) {
            throw new VmException(VmException.Kind.ALREADY_EXISTS, "VM " + config.id() + " exists");
        }
        vm.exit().thenRun(() -> vms.remove(config.id(), vm));
        return vm;
    }

    @Override
    public Optional<Vm> reattach(VmConfig config) {
        Optional<ProcessHandle> running = QemuLauncher.find(new QemuFiles(config.vmDir()), config.id());
        if (running.isEmpty()) {
            return Optional.empty();
        }
        QemuVm vm = new QemuVm(config, accel(config.kernel()).accel(), options);
        if (vms.putIfAbsent(config.id(), vm) != null) {
            throw new VmException(VmException.Kind.ALREADY_EXISTS, "VM " + config.id() + " is attached already");
        }
        try {
            vm.reattach(running.get());
        } catch (RuntimeException e) {
            vms.remove(config.id(), vm);
            throw e;
        }
        vm.exit().thenRun(() -> vms.remove(config.id(), vm));
        return Optional.of(vm);
    }

    private static boolean isExecutableOnPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
