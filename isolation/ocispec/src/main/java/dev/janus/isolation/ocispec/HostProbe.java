package dev.janus.isolation.ocispec;

import dev.janus.isolation.ocispec.HostFeatures.CgroupVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@link HostLimits} and {@link HostFeatures} of the running process and host from /proc
 * and /sys, once at start-up; the builder itself never looks. Whether the OCI runtime supports
 * rro is not readable here: the backend asks {@code runc features} and passes it in.
 */
public final class HostProbe {

    // /proc/self/limits names, in the kernel's order, and their OCI names.
    private static final Map<String, String> LIMIT_NAMES = Map.ofEntries(
            Map.entry("Max cpu time", "RLIMIT_CPU"), Map.entry("Max file size", "RLIMIT_FSIZE"),
            Map.entry("Max data size", "RLIMIT_DATA"), Map.entry("Max stack size", "RLIMIT_STACK"),
            Map.entry("Max core file size", "RLIMIT_CORE"), Map.entry("Max resident set", "RLIMIT_RSS"),
            Map.entry("Max processes", "RLIMIT_NPROC"), Map.entry("Max open files", "RLIMIT_NOFILE"),
            Map.entry("Max locked memory", "RLIMIT_MEMLOCK"), Map.entry("Max address space", "RLIMIT_AS"),
            Map.entry("Max file locks", "RLIMIT_LOCKS"), Map.entry("Max pending signals", "RLIMIT_SIGPENDING"),
            Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"), Map.entry("Max nice priority", "RLIMIT_NICE"),
            Map.entry("Max realtime priority", "RLIMIT_RTPRIO"), Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));

    private final Path proc;
    private final Path cgroupRoot;

    public HostProbe(Path proc, Path cgroupRoot) {
        this.proc = proc;
        this.cgroupRoot = cgroupRoot;
    }

    public static HostProbe host() {
        return new HostProbe(Path.of("/proc"), Path.of("/sys/fs/cgroup"));
    }

    public HostLimits limits() throws IOException {
        int oom = Integer.parseInt(Files.readString(proc.resolve("self/oom_score_adj")).trim());
        return new HostLimits(oom, hardLimits(Files.readAllLines(proc.resolve("self/limits"))),
                capabilities(Files.readAllLines(proc.resolve("self/status"))));
    }

    /** @param recursiveReadOnlyMounts what {@code runc features} said about {@code rro} */
    public HostFeatures features(boolean recursiveReadOnlyMounts) throws IOException {
        boolean v2 = Files.exists(cgroupRoot.resolve("cgroup.controllers"));
        String controllers = v2 ? Files.readString(cgroupRoot.resolve("cgroup.controllers")) : "";
        boolean swap = v2 ? anyChildHas("memory.swap.max")
                : Files.exists(cgroupRoot.resolve("memory/memory.memsw.limit_in_bytes"));
        boolean hugetlb = v2 ? List.of(controllers.trim().split("\\s+")).contains("hugetlb")
                : Files.isDirectory(cgroupRoot.resolve("hugetlb"));
        String kernel = Files.readString(proc.resolve("sys/kernel/osrelease")).trim();
        return new HostFeatures(v2 ? CgroupVersion.V2 : CgroupVersion.V1, System.getProperty("os.arch"),
                kernel, swap, hugetlb, recursiveReadOnlyMounts);
    }

    /** Hard limits from /proc/self/limits ("unlimited" is -1). */
    static Map<String, Long> hardLimits(List<String> lines) {
        Map<String, Long> out = new HashMap<>();
        for (String line : lines) {
            for (Map.Entry<String, String> e : LIMIT_NAMES.entrySet()) {
                if (line.startsWith(e.getKey() + " ")) {
                    String[] cols = line.substring(e.getKey().length()).trim().split("\\s+");
                    if (cols.length >= 2) {
                        out.put(e.getValue(), cols[1].equals("unlimited") ? -1L : Long.parseUnsignedLong(cols[1]));
                    }
                }
            }
        }
        return out;
    }

    /** The effective capabilities from /proc/self/status, by name. */
    static Set<String> capabilities(List<String> status) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : status) {
            if (line.startsWith("CapEff:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                for (int bit = 0; bit < Capabilities.KNOWN.size(); bit++) {
                    if ((mask & (1L << bit)) != 0) {
                        out.add(Capabilities.KNOWN.get(bit));
                    }
                }
            }
        }
        return out;
    }

    private boolean anyChildHas(String file) throws IOException {
        try (var children = Files.list(cgroupRoot)) {
            return children.anyMatch(c -> Files.exists(c.resolve(file)));
        }
    }
}
