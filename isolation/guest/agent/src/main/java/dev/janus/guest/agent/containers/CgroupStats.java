package dev.janus.guest.agent.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU and memory usage of a container's cgroup. The guest runs cgroup v2 only; the v1 reading
 * is there for a hybrid host running the agent in tests.
 *
 * @param workingSetBytes usage minus inactive file pages, as kubelet computes it
 */
record CgroupStats(long cpuNanos, long usageBytes, long workingSetBytes, long rssBytes, long pageFaults,
        long majorPageFaults) {

    /** @param cgroupsPath cgroupfs form ({@code /kubepods/pod1/ctr}); empty if the cgroup is gone */
    static Optional<CgroupStats> read(Path root, String cgroupsPath) {
        String relative = cgroupsPath.startsWith("/") ? cgroupsPath.substring(1) : cgroupsPath;
        if (relative.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path unified = root.resolve(relative);
            if (Files.exists(unified.resolve("cpu.stat")) && Files.exists(unified.resolve("memory.current"))) {
                return Optional.of(v2(unified));
            }
            if (Files.isDirectory(root.resolve("memory").resolve(relative))) {
                return Optional.of(v1(root, relative));
            }
        } catch (IOException | NumberFormatException e) {
            // removed while read: as good as gone
        }
        return Optional.empty();
    }

    private static CgroupStats v2(Path dir) throws IOException {
        long cpu = keyed(dir.resolve("cpu.stat")).getOrDefault("usage_usec", 0L) * 1000;
        long usage = number(dir.resolve("memory.current"));
        Map<String, Long> stat = keyed(dir.resolve("memory.stat"));
        long inactiveFile = stat.getOrDefault("inactive_file", 0L);
        return new CgroupStats(cpu, usage, Math.max(0, usage - inactiveFile), stat.getOrDefault("anon", 0L),
                stat.getOrDefault("pgfault", 0L), stat.getOrDefault("pgmajfault", 0L));
    }

    private static CgroupStats v1(Path root, String relative) throws IOException {
        Path memory = root.resolve("memory").resolve(relative);
        Path cpuacct = root.resolve("cpuacct").resolve(relative).resolve("cpuacct.usage");
        long cpu = Files.exists(cpuacct) ? number(cpuacct) : 0;
        long usage = number(memory.resolve("memory.usage_in_bytes"));
        Map<String, Long> stat = keyed(memory.resolve("memory.stat"));
        long inactiveFile = stat.getOrDefault("total_inactive_file", 0L);
        return new CgroupStats(cpu, usage, Math.max(0, usage - inactiveFile), stat.getOrDefault("total_rss", 0L),
                stat.getOrDefault("total_pgfault", 0L), stat.getOrDefault("total_pgmajfault", 0L));
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
