package dev.janus.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What runs on the host, as the suites check it: by command line, the way {@code pgrep -f} would. */
public final class HostProcesses {

    private HostProcesses() {
    }

    /** Whether a host process's command line starts with {@code cmdline} (NULs between arguments). */
    public static boolean runs(String cmdline) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (new String(Files.readAllBytes(proc.resolve("cmdline"))).startsWith(cmdline)) {
                        return true;
                    }
                } catch (IOException gone) {
                    // ended while we looked
                }
            }
        }
        return false;
    }
}
