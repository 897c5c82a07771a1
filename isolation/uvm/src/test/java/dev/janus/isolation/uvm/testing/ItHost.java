package dev.janus.isolation.uvm.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host facts and commands for the integration tests: skip conditions, tools, xattrs. */
public final class ItHost {

    private ItHost() {
    }

    /** The ITs make devices, namespaces, taps and VMs: root only; elsewhere they skip. */
    public static void assumeRoot() {
        assumeTrue("0".equals(run("id", "-u").strip()), "needs root");
    }

    public static void assumeTools(String... tools) {
        for (String tool : tools) {
            assumeTrue(onPath(tool), "needs " + tool);
        }
    }

    public static boolean onPath(String tool) {
        return List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin").stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    /** Runs a command to its end; returns stdout+stderr, whatever the exit status. */
    public static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            return "cannot run " + command[0] + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Runs a command and fails the test unless it exits 0. */
    public static String check(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run " + command[0], e);
        }
    }

    /** trusted.* xattrs need setxattr(2); the JDK writes user.* only. */
    public static void setXattr(Path file, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (LibC.INSTANCE.lsetxattr(file.toString(), name, bytes, bytes.length, 0) != 0) {
            throw new AssertionError("setxattr " + name + " on " + file + " failed: errno " + Native.getLastError());
        }
    }

    interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int lsetxattr(String path, String name, byte[] value, long size, int flags);
    }
}
