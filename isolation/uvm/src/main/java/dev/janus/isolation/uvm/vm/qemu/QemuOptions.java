package dev.janus.isolation.uvm.vm.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How janusd runs QEMU.
 *
 * @param binary qemu-system-x86_64
 * @param spareRootPorts PCIe root ports reserved at start for hot-plugged disks and NICs (q35
 *     hot-plugs only into root ports); one per device attached at once
 * @param accel KVM or TCG forced; empty to probe KVM and fall back to TCG
 * @param probeTimeout how long the KVM probe waits for a kernel to boot
 * @param tcgCpu the {@code -cpu} model under TCG (see {@link Accel#TCG})
 */
public record QemuOptions(Path binary, int spareRootPorts, Optional<Accel> accel, Duration probeTimeout,
        String tcgCpu) {

    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/qemu-system-x86_64");

    public QemuOptions {
        if (spareRootPorts < 0 || spareRootPorts > 64) {
            throw new IllegalArgumentException("spare root ports must be 0-64, got " + spareRootPorts);
        }
        accel = accel == null ? Optional.empty() : accel;
        tcgCpu = tcgCpu == null || tcgCpu.isBlank() ? Accel.TCG.cpuModel() : tcgCpu;
        if (!tcgCpu.matches("[A-Za-z0-9_.=+,-]{1,200}")) {
            throw new IllegalArgumentException("not a QEMU CPU model: " + tcgCpu);
        }
    }

    public static QemuOptions defaults() {
        return new QemuOptions(DEFAULT_BINARY, 16, Optional.empty(), Duration.ofSeconds(5), "");
    }

    public QemuOptions withAccel(Accel forced) {
        return new QemuOptions(binary, spareRootPorts, Optional.of(forced), probeTimeout, tcgCpu);
    }

    public QemuOptions withTcgCpu(String model) {
        return new QemuOptions(binary, spareRootPorts, accel, probeTimeout, model);
    }

    /** The {@code -cpu} argument for {@code accel}. */
    String cpuModel(Accel chosen) {
        return chosen == Accel.TCG ? tcgCpu : chosen.cpuModel();
    }
}
