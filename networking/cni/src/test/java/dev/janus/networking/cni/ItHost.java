package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host commands for the integration tests: the skip conditions, namespaces, listeners. */
final class ItHost {

    static final Path CNI_BIN = Path.of("/usr/lib/cni");

    private ItHost() {
    }

    /** The ITs need root and Debian's containernetworking-plugins; elsewhere they skip. */
    static void assumeRealPlugins() {
        assumeTrue(isRoot(), "CNI integration tests need root");
        assumeTrue(Files.isExecutable(CNI_BIN.resolve("bridge")), "no " + CNI_BIN + "/bridge");
        assumeTrue(onPath("busybox") && onPath("nsenter") && onPath("unshare")
                && onPath("iptables"), "needs busybox, nsenter, unshare and iptables");
    }

    static boolean isRoot() {
        return "0".equals(run("id", "-u").strip());
    }

    private static boolean onPath(String tool) {
        return List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin").stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    /** Runs a command to its end; returns stdout+stderr, whatever the exit status. */
    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
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

    /** A TCP server in the namespace that answers every connection with one line. */
    static Process listen(Path netns, int port, String reply) throws IOException {
        return new ProcessBuilder("nsenter", "--net=" + netns, "busybox", "nc", "-ll", "-p",
                Integer.toString(port), "-e", "busybox", "echo", reply)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Connects from inside a namespace; returns what the server said ("" when nothing). */
    static String connectFrom(Path netns, String ip, int port, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        String out = "";
        while (System.nanoTime() < deadline) {
            out = run("nsenter", "--net=" + netns, "busybox", "nc", "-w", "2", ip,
                    Integer.toString(port)).strip();
            if (!out.isEmpty() && !out.contains("refused") && !out.contains("timed out")) {
                return out;
            }
            sleep(200);
        }
        return out;
    }

    static void stop(Process process) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
