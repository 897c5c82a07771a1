package dev.janus.guest.agent.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the agent reports about itself and the guest, read from /proc. */
public final class ProcInfo {

    private ProcInfo() {
    }

    /** The guest's uptime (/proc/uptime), -1 if unreadable. */
    public static long uptimeMillis() {
        try {
            String first = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0];
            return (long) (Double.parseDouble(first) * 1000);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The agent's resident set (VmRSS of /proc/self/status), -1 if unreadable. */
    public static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }

    public static String kernelRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            return System.getProperty("os.version", "");
        }
    }
}
