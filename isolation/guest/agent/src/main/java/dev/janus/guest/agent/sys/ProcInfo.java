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

    /**
     * When this process started, in milliseconds of uptime: field 22 of /proc/self/stat, in
     * clock ticks (USER_HZ, 100 on every Linux architecture the VM runs on). Not
     * ProcessHandle's start instant: that adds the boot time, which /proc/stat gives in whole
     * seconds. -1 if unreadable.
     */
    public static long processStartMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the command name, in parentheses, may hold spaces: count fields after its end
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(fields[22 - 3]) * 10;
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
