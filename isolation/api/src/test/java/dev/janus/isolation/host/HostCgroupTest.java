package dev.janus.isolation.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A process started through a cgroup's wrapper is in that cgroup, and its usage reads back. */
class HostCgroupTest {

    @Test
    void aWrappedProcessRunsInTheCgroupFromItsFirstInstruction() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/sys/fs/cgroup")) || isRoot(), "needs root and cgroupfs");
        HostCgroup parent = HostCgroup.of("/janus-test-" + UUID.randomUUID().toString().substring(0, 8));
        HostCgroup cgroup = HostCgroup.under(parent.path(), "vm-1");
        cgroup.create();
        // the shell allocates 8 MiB of its own, so the cgroup's charge shows it
        Process process = new ProcessBuilder(cgroup.wrap(List.of("/bin/sh", "-c",
                "x=$(head -c 8000000 /dev/zero | tr '\\0' a); exec sleep 30"))).start();
        try {
            String cgroups = awaitSleep(process.pid());
            assertTrue(cgroups.contains(cgroup.path()), () -> "not in " + cgroup.path() + ": " + cgroups);
            CgroupUsage usage = cgroup.usage();
            assertNotNull(usage, "the cgroup reads back");
            assertTrue(usage.usageBytes() > 0, usage::toString);
            assertTrue(usage.cpuNanos() > 0, usage::toString);
            assertFalse(cgroup.remove(), "a cgroup with a process in it stays");
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        awaitRemoved(cgroup);
        parent.remove();
        assertEquals(null, cgroup.usage(), "gone");
    }

    @Test
    void pathsThatWouldLeaveTheHierarchyAreRefused() {
        for (String bad : List.of("relative/x", "/a/../b", "/a/./b", "/a//b", "/a/b\nc", "/a b", "/")) {
            assertThrows(IllegalArgumentException.class, () -> HostCgroup.of(bad), bad);
        }
        assertEquals("/janus/abc", HostCgroup.under("", "abc").path());
        assertEquals("/kubepods/pod1/abc", HostCgroup.under("/kubepods/pod1", "abc").path());
    }

    private static String awaitSleep(long pid) throws Exception {
        for (int i = 0; i < 200; i++) {
            Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
            if (Files.exists(cmdline) && Files.readString(cmdline).startsWith("sleep")) {
                return Files.readString(Path.of("/proc", Long.toString(pid), "cgroup"));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the wrapped process never exec'd sleep");
    }

    private static void awaitRemoved(HostCgroup cgroup) throws InterruptedException {
        for (int i = 0; i < 100 && !cgroup.remove(); i++) {
            Thread.sleep(50);
        }
        assertTrue(cgroup.remove(), "an empty cgroup goes");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
