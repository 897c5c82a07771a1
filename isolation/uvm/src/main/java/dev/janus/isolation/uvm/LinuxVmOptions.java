package dev.janus.isolation.uvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Options of a {@code uvm} handler in the config's runtime table, e.g.
 * <pre>
 *   runtimes:
 *     linux-vm: {backend: uvm, options: {memoryMib: 512, vcpus: 1}}
 * </pre>
 *
 * @param imageDir where {@code vmlinux}, {@code initrd.img} and {@code image.properties} are
 *     (deploy/uvm/build-image.sh); default: the system property {@code janus.uvm.imageDir},
 *     which bin/janusd sets to the checkout's deploy/target/uvm
 * @param memoryMib guest memory of the VM of a pod without a memory limit
 * @param vcpus virtual CPUs of the VM of a pod without a CPU limit
 * @param vmHost {@code qemu}, {@code hcs}, or {@code auto}: QEMU on Linux, HCS on Windows
 * @param accel {@code kvm}, {@code tcg}, or {@code auto}: probe KVM and fall back to TCG (QEMU only)
 * @param scratchGib size of each container's writable disk (sparse: the host pays what is written)
 * @param bootTimeout from starting the VM to its agent answering
 * @param guestReserveMib guest memory beyond a limited pod's memory limit, for what the guest
 *     itself holds (kernel, initramfs, agent: ~140 MiB measured) and its page cache
 * @param tcgCpu QEMU's {@code -cpu} model under software emulation; empty: {@code qemu64}
 */
public record LinuxVmOptions(Path imageDir, int memoryMib, int vcpus, String vmHost, String accel,
        int scratchGib, Duration bootTimeout, int guestReserveMib, String tcgCpu) {

    public static final String IMAGE_DIR_PROPERTY = "janus.uvm.imageDir";
    private static final Set<String> KEYS = Set.of("imageDir", "memoryMib", "vcpus", "vmHost", "accel",
            "scratchGib", "bootTimeoutSeconds", "guestReserveMib", "tcgCpu");

    public LinuxVmOptions {
        if (memoryMib < 128 || memoryMib > 1 << 20) {
            throw new IllegalArgumentException("memoryMib must be 128 or more, got " + memoryMib);
        }
        if (vcpus < 1 || vcpus > 256) {
            throw new IllegalArgumentException("vcpus must be 1-256, got " + vcpus);
        }
        if (!Set.of("auto", "qemu", "hcs").contains(vmHost)) {
            throw new IllegalArgumentException("vmHost must be auto, qemu or hcs, got " + vmHost);
        }
        if (!Set.of("auto", "kvm", "tcg").contains(accel)) {
            throw new IllegalArgumentException("accel must be auto, kvm or tcg, got " + accel);
        }
        if (scratchGib < 1 || scratchGib > 1024) {
            throw new IllegalArgumentException("scratchGib must be 1-1024, got " + scratchGib);
        }
        if (guestReserveMib < 64 || guestReserveMib > 1 << 20) {
            throw new IllegalArgumentException("guestReserveMib must be 64 or more, got " + guestReserveMib);
        }
        if (bootTimeout.isNegative() || bootTimeout.isZero()) {
            throw new IllegalArgumentException("bootTimeoutSeconds must be positive");
        }
        imageDir = imageDir.toAbsolutePath().normalize();
    }

    /** Decodes the runtime table's options; unknown keys and bad values throw IllegalArgumentException. */
    public static LinuxVmOptions from(Map<String, Object> options) {
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown option " + key + " (known: " + KEYS + ")");
            }
        }
        String imageDir = text(options, "imageDir", System.getProperty(IMAGE_DIR_PROPERTY, "deploy/target/uvm"));
        return new LinuxVmOptions(Path.of(imageDir), number(options, "memoryMib", 512), number(options, "vcpus", 1),
                text(options, "vmHost", "auto").toLowerCase(Locale.ROOT),
                text(options, "accel", "auto").toLowerCase(Locale.ROOT), number(options, "scratchGib", 10),
                Duration.ofSeconds(number(options, "bootTimeoutSeconds", 180)), number(options, "guestReserveMib", 192),
                text(options, "tcgCpu", ""));
    }

    /** The VM host this configuration means on this OS. */
    public String effectiveVmHost(String osName) {
        if (!vmHost.equals("auto")) {
            return vmHost;
        }
        return osName.toLowerCase(Locale.ROOT).startsWith("windows") ? "hcs" : "qemu";
    }

    private static String text(Map<String, Object> options, String key, String fallback) {
        Object value = options.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().strip();
    }

    private static int number(Map<String, Object> options, String key, int fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got " + value);
        }
    }
}
