package dev.janus.isolation.uvm.vm;

import dev.janus.isolation.Availability;
import java.util.Optional;

/**
 * The seam between the linux-vm handler and a hypervisor: QEMU on Linux
 * ({@code vm.qemu.QemuVmHost}), Hyper-V through HCS on Windows ({@code vm.hcs.HcsVmHost}). VMs
 * outlive janusd: a restarted janusd finds them again with {@link #reattach}.
 */
public interface VmHost {

    /** {@code qemu} or {@code hcs}; for logs and Status. */
    String name();

    /** Whether VMs can run here, and why not (no QEMU, no Hyper-V...); also what accelerates them. */
    Availability availability();

    /** Prepares a VM without starting it. ALREADY_EXISTS if a VM with this id is known to the host. */
    Vm create(VmConfig config);

    /**
     * The VM of a previous janusd, if it still runs: its control connection is opened again and
     * its exit watched. Empty when it is gone (then the caller cleans its directory).
     */
    Optional<Vm> reattach(VmConfig config);
}
