package dev.janus.isolation.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a cgroup's CPU and memory usage, from the v1 controllers (cpuacct, memory) or the v2
 * unified files, whichever this host uses for the container's cgroup.
 *
 * @param cpuNanos cumulative CPU time
 * @param workingSetBytes usage minus inactive file pages, as kubelet computes it
 */
public record CgroupUsage(long cpuNanos, long usageBytes, long workingSetBytes, long rssBytes, long pageFaults,
        long majorPageFaults) {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    public static boolean unifiedHost() {
        return Files.exists(ROOT.resolve("cgroup.controllers"));
    }

    /** The usage of the cgroup at {@code path} (cgroupfs form {@code /a/b}); null if it is gone. */
    public static CgroupUsage read(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        try {
            return unifiedHost() ? readV2(ROOT.resolve(relative)) : readV1(relative);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static CgroupUsage readV1(String relative) throws IOException {
        Path memory = ROOT.resolve("memory").resolve(relative);
        long cpu = number(ROOT.resolve("cpuacct").resolve(relative).resolve("cpuacct.usage"));
        long usage = number(memory.resolve("memory.usage_in_bytes"));
        Map<String, Long> stat = keyed(memory.resolve("memory.stat"));
        long inactiveFile = stat.getOrDefault("total_inactive_file", 0L);
        return new CgroupUsage(cpu, usage, Math.max(0, usage - inactiveFile), stat.getOrDefault("total_rss", 0L),
                stat.getOrDefault("total_pgfault", 0L), stat.getOrDefault("total_pgmajfault", 0L));
    }

    private static CgroupUsage readV2(Path dir) throws IOException {
        long cpu = keyed(dir.resolve("cpu.stat")).getOrDefault("usage_usec", 0L) * 1000;
        long usage = number(dir.resolve("memory.current"));
        Map<String, Long> stat = keyed(dir.resolve("memory.stat"));
        long inactiveFile = stat.getOrDefault("inactive_file", 0L);
        return new CgroupUsage(cpu, usage, Math.max(0, usage - inactiveFile), stat.getOrDefault("anon", 0L),
                stat.getOrDefault("pgfault", 0L), stat.getOrDefault("pgmajfault", 0L));
    }

    private static long number(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }

    private static Map<String, Long> keyed(Path file) throws IOException {
        Map<String, Long> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split(" ");
            if (parts.length == 2) {
                values.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return values;
    }
}
