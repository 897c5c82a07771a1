package dev.janus.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Resident memory of a process and of its helpers (conmon or containerd shims). */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /** Summed RSS of every process whose command line starts with {@code executable}. */
    static long totalRssKb(String executable) {
        long total = 0;
        for (long pid : pidsOf(executable)) {
            total += rssKb(pid);
        }
        return total;
    }

    static List<Long> pidsOf(String executable) {
        List<Long> pids = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")));
                    if (cmdline.startsWith(executable)) {
                        pids.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // ended while listed
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }
}
