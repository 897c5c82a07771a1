package dev.janus.isolation.ocispec;

import java.util.List;

/**
 * The /proc and /sys paths hidden from a container (masked: /dev/null or an empty read-only
 * tmpfs over them) or made read-only, because they expose or change the host. The security
 * context's lists win; containerd's defaults apply when it gives none; privileged containers
 * get neither.
 */
final class SecurityPaths {

    static final List<String> DEFAULT_MASKED = List.of(
            "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware",
            "/sys/devices/virtual/powercap", "/proc/scsi");

    static final List<String> DEFAULT_READONLY = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    private SecurityPaths() {
    }

    static List<String> masked(List<String> given, boolean privileged) {
        return privileged ? List.of() : given.isEmpty() ? DEFAULT_MASKED : checked(given);
    }

    static List<String> readonly(List<String> given, boolean privileged) {
        return privileged ? List.of() : given.isEmpty() ? DEFAULT_READONLY : checked(given);
    }

    private static List<String> checked(List<String> paths) {
        return paths.stream().map(p -> ContainerPaths.clean("masked or read-only path", p)).toList();
    }
}
