package dev.janus.isolation.uvm.vm.hcs;

import dev.janus.isolation.Availability;
import dev.janus.isolation.hvsock.WinSock;
import dev.janus.isolation.uvm.vm.Vm;
import dev.janus.isolation.uvm.vm.VmConfig;
import dev.janus.isolation.uvm.vm.VmHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Linux utility VMs under Hyper-V through the Host Compute Service (computecore.dll), the
 * agent channel over hvsock. Runs only on Windows with Hyper-V; elsewhere it says so in
 * {@link #availability} and loads nothing.
 */
public final class HcsVmHost implements VmHost {

    private static final ToLongFunction<Path> FILE_SIZE = file -> {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    };

    private final HcsOptions options;
    private volatile Natives natives;

    /** The three DLLs, loaded together on first use. */
    private record Natives(ComputeCore hcs, LocalMemory memory, WinSock ws) {
    }

    public HcsVmHost(HcsOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "hcs";
    }

    @Override
    public Availability availability() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Availability.no("Hyper-V utility VMs need Windows");
        }
        try {
            natives();
            return Availability.yes();
        } catch (UnsatisfiedLinkError e) {
            return Availability.no("computecore.dll cannot be loaded (is the Hyper-V feature on?): " + e.getMessage());
        }
    }

    @Override
    public Vm create(VmConfig config) {
        Natives n = natives();
        DiskPlacement placement = new DiskPlacement(options, FILE_SIZE);
        String document = HcsVmDocuments.computeSystem(config, options, placement).toString();
        HcsSystem system = HcsSystem.create(n.hcs(), n.memory(), HcsVmDocuments.systemId(config), document);
        try {
            return new HcsVm(config, system, n.ws(), placement);
        } catch (RuntimeException e) {
            system.terminate();
            system.close();
            throw e;
        }
    }

    /** Disks hot-added by the previous janusd are not known again (HCS has no simple query for them). */
    @Override
    public Optional<Vm> reattach(VmConfig config) {
        Natives n = natives();
        return HcsSystem.open(n.hcs(), n.memory(), HcsVmDocuments.systemId(config)).map(system -> {
            DiskPlacement placement = new DiskPlacement(options, FILE_SIZE);
            config.disks().forEach(placement::place);
            HcsVm vm = new HcsVm(config, system, n.ws(), placement);
            vm.attached();
            return vm;
        });
    }

    private Natives natives() {
        Natives loaded = natives;
        if (loaded == null) {
            synchronized (this) {
                if (natives == null) {
                    natives = new Natives(ComputeCore.load(), LocalMemory.load(), WinSock.load());
                }
                loaded = natives;
            }
        }
        return loaded;
    }
}
