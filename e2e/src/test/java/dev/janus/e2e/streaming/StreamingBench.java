package dev.janus.e2e.streaming;

import dev.janus.cri.api.ExecSyncRequest;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.e2e.JanusdFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of the streaming server: {@code cat} of a 1 GiB file read through exec stdout
 * (SPDY and WebSocket), and through port-forward (busybox {@code nc} in the pod serves the same),
 * in MB/s, with janusd's CPU time per GB (utime + stime of /proc/PID/stat, all its threads).
 * Client and janusd share the machine, so the client's own work is in the numbers' way.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -Djanus.top=. -cp e2e/target/test-classes:e2e/target/classes:$(cat cp.txt) \
 *     dev.janus.e2e.streaming.StreamingBench [MiB] [runs]</pre>
 */
public final class StreamingBench {

    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    private StreamingBench() {
    }

    /** One measured transfer. */
    private record Run(String what, long bytes, long nanos, long cpuTicks) {
        String line() {
            double seconds = nanos / 1e9;
            double cpuSeconds = (double) cpuTicks / CLOCK_TICKS;
            return String.format(Locale.ROOT, "%-28s %6d MiB in %6.2f s = %7.1f MB/s   janusd CPU %5.2f s = %5.2f s/GB",
                    what, bytes >> 20, seconds, bytes / 1e6 / seconds, cpuSeconds, cpuSeconds / (bytes / 1e9));
        }
    }

    /** A transfer that returns how many bytes it moved. */
    private interface Transfer {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String only = args.length > 2 ? args[2] : "";
        JanusdFixture fixture = StreamingPods.start("bench", 25, 60, 600);
        StreamingPods pods = new StreamingPods(fixture);
        try {
            PodSandboxConfig pod = pods.pod("bench");
            String podId = pods.run(pod);
            // one file, made once: cat reads it from the page cache, nc serves it on port 9000
            String container = pods.container(podId, pod, pods.config("main", "sh", "-c", "head -c " + bytes
                    + " /dev/zero > /tmp/big && : > /tmp/ready && exec nc -ll -p 9000 -e cat /tmp/big").build());
            long pid = fixture.janusd().pid();
            var out = new RemoteCommandClient.Streams(false, true, false, false);
            String[] command = {"cat", "/tmp/big"};
            ExecStreamingIT.waitFor(() -> pods.cri().runtime().execSync(ExecSyncRequest.newBuilder()
                    .setContainerId(container).addCmd("test").addCmd("-f").addCmd("/tmp/ready").build())
                    .getExitCode() == 0, "the 1 GiB file is written");
            System.out.println("janusd pid " + pid + ", " + runs + " runs each (the first warms up)");
            for (int i = 0; i < runs; i++) {
                if (!only.isEmpty() && !only.equals("exec")) {
                    System.out.println(measure(pid, "port-forward (SPDY)", () -> {
                        try (var forward = PortForwardClient.connect(pods.portForwardUrl(podId))) {
                            return count(forward.open(9000).input());
                        }
                    }).line());
                    continue;
                }
                System.out.println(measure(pid, "exec stdout (SPDY v4)", () -> drain(RemoteCommandClient.spdy(
                        pods.execUrl(container, out, command), out, RemoteCommandClient.SPDY_PROTOCOLS))).line());
                System.out.println(measure(pid, "exec stdout (WebSocket v5)", () -> drain(RemoteCommandClient.webSocket(
                        pods.execUrl(container, out, command), List.of("v5.channel.k8s.io")))).line());
                System.out.println(measure(pid, "port-forward (SPDY)", () -> {
                    try (var forward = PortForwardClient.connect(pods.portForwardUrl(podId))) {
                        return count(forward.open(9000).input());
                    }
                }).line());
            }
        } finally {
            pods.close();
            fixture.close();
        }
    }

    private static long drain(RemoteCommandClient exec) throws IOException {
        try (exec) {
            long moved = count(exec.stdout());
            if (!exec.status().success()) {
                throw new IOException("the command failed");
            }
            return moved;
        }
    }

    private static long count(InboundBytes input) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        int n;
        while ((n = input.read(buffer, 0, buffer.length)) >= 0) {
            total += n;
        }
        return total;
    }

    private static Run measure(long pid, String what, Transfer transfer) throws Exception {
        long cpu = cpuTicks(pid);
        long start = System.nanoTime();
        long moved = transfer.run();
        return new Run(what, moved, System.nanoTime() - start, cpuTicks(pid) - cpu);
    }

    /** utime + stime of the process, fields 14 and 15 of /proc/PID/stat (after the command name). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
