package dev.janus.e2e.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.e2e.HostProcesses;
import dev.janus.e2e.JanusdFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exec through the streaming server with a real client, over SPDY and WebSocket: stdin echoed,
 * stdout and stderr apart, a terminal that sees its size, exit codes in the status, stdin's end
 * passed on, and a client that goes away ending the process.
 */
class ExecStreamingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RemoteCommandClient.Streams IN_OUT = new RemoteCommandClient.Streams(true, true, true, false);
    private static final RemoteCommandClient.Streams OUT_ERR = new RemoteCommandClient.Streams(false, true, true, false);
    private static final RemoteCommandClient.Streams TERMINAL = new RemoteCommandClient.Streams(true, true, false, true);

    private static JanusdFixture fixture;
    private static StreamingPods pods;
    private static String container;

    @BeforeAll
    static void start() throws Exception {
        fixture = StreamingPods.start("exec", 21, 60, 60);
        pods = new StreamingPods(fixture);
        PodSandboxConfig pod = pods.pod("exec");
        container = pods.container(pods.run(pod), pod, pods.config("main", "sleep", "100000").build());
    }

    @AfterAll
    static void stop() throws Exception {
        JanusdFixture.closeAll(pods, fixture);
    }

    @Test
    void spdyExecEchoesStdinAndEndsWhenStdinEnds() throws Exception {
        try (var exec = RemoteCommandClient.spdy(pods.execUrl(container, IN_OUT, "cat"), IN_OUT,
                RemoteCommandClient.SPDY_PROTOCOLS)) {
            assertEquals("v4.channel.k8s.io", exec.protocol());
            exec.stdin("hello\n");
            assertEquals("hello\n", exec.stdout().readUntil("hello\n", WAIT));
            exec.stdin("world\n");
            exec.closeStdin();
            assertEquals("world\n", exec.stdout().readAll());
            assertEquals("", exec.stderr().readAll());
            ExitStatus status = exec.status();
            assertTrue(status.success(), status.raw());
            assertEquals("{\"metadata\":{},\"status\":\"Success\"}", status.raw());
        }
    }

    @Test
    void spdyExecReportsTheExitCodeAndKeepsStdoutAndStderrApart() throws Exception {
        try (var exec = RemoteCommandClient.spdy(pods.execUrl(container, OUT_ERR, "sh", "-c",
                "echo out; echo err >&2; exit 3"), OUT_ERR, RemoteCommandClient.SPDY_PROTOCOLS)) {
            assertEquals("out\n", exec.stdout().readAll());
            assertEquals("err\n", exec.stderr().readAll());
            ExitStatus status = exec.status();
            assertFalse(status.success());
            assertEquals("NonZeroExitCode", status.reason(), status.raw());
            assertEquals(3, status.exitCode(), status.raw());
        }
    }

    @Test
    void spdyExecWithATerminalEchoesInputAndSeesItsSize() throws Exception {
        try (var exec = RemoteCommandClient.spdy(pods.execUrl(container, TERMINAL, "sh"), TERMINAL,
                RemoteCommandClient.SPDY_PROTOCOLS)) {
            exec.resize(123, 45);
            exec.stdin("stty size\n");
            String seen = exec.stdout().readUntil("45 123", WAIT);
            assertTrue(seen.contains("stty size"), "the terminal echoes what was typed: " + seen);
            exec.resize(80, 24);
            exec.stdin("stty size; exit 5\n");
            exec.stdout().readUntil("24 80", WAIT);
            exec.stdout().readAll();
            assertEquals(5, exec.status().exitCode());
        }
    }

    @Test
    void olderSpdyProtocolsReportFailureAsText() throws Exception {
        try (var exec = RemoteCommandClient.spdy(pods.execUrl(container, OUT_ERR, "sh", "-c", "exit 3"), OUT_ERR,
                List.of("v2.channel.k8s.io"))) {
            assertEquals("v2.channel.k8s.io", exec.protocol());
            exec.stdout().readAll();
            ExitStatus status = exec.status();
            assertFalse(status.success());
            assertTrue(status.raw().contains("non-zero exit code"), status.raw());
        }
    }

    @Test
    void webSocketV5ExecEchoesAndPassesOnTheEndOfStdin() throws Exception {
        try (var exec = RemoteCommandClient.webSocket(pods.execUrl(container, IN_OUT, "cat"),
                List.of("v5.channel.k8s.io", "v4.channel.k8s.io"))) {
            assertEquals("v5.channel.k8s.io", exec.protocol());
            exec.stdin("over websocket\n");
            exec.stdout().readUntil("over websocket\n", WAIT);
            exec.closeStdin();
            ExitStatus status = exec.status();
            assertTrue(status.success(), status.raw());
        }
    }

    @Test
    void webSocketBase64ExecReportsTheExitCode() throws Exception {
        try (var exec = RemoteCommandClient.webSocket(pods.execUrl(container, OUT_ERR, "sh", "-c", "echo hi; exit 3"),
                List.of("v4.base64.channel.k8s.io"))) {
            assertEquals("v4.base64.channel.k8s.io", exec.protocol());
            exec.stdout().readUntil("hi\n", WAIT);
            assertEquals(3, exec.status().exitCode());
        }
    }

    @Test
    void webSocketTerminalSeesItsSize() throws Exception {
        try (var exec = RemoteCommandClient.webSocket(pods.execUrl(container, TERMINAL, "sh"),
                List.of("v5.channel.k8s.io"))) {
            exec.resize(100, 30);
            exec.stdin("stty size; exit\n");
            exec.stdout().readUntil("30 100", WAIT);
            assertTrue(exec.status().success());
        }
    }

    @Test
    void aMissingCommandIsReportedOnTheErrorStream() throws Exception {
        try (var exec = RemoteCommandClient.spdy(pods.execUrl(container, OUT_ERR, "no-such-command"), OUT_ERR,
                RemoteCommandClient.SPDY_PROTOCOLS)) {
            ExitStatus status = exec.status();
            assertFalse(status.success());
            assertEquals("InternalError", status.reason(), status.raw());
            assertTrue(status.raw().contains("no-such-command"), status.raw());
        }
    }

    @Test
    void aClientThatGoesAwayEndsTheProcess() throws Exception {
        var exec = RemoteCommandClient.spdy(pods.execUrl(container, IN_OUT, "sleep", "4321"), IN_OUT,
                RemoteCommandClient.SPDY_PROTOCOLS);
        waitFor(() -> HostProcesses.runs("sleep\u00004321"), "the exec'd process runs");
        exec.close();
        waitFor(() -> !HostProcesses.runs("sleep\u00004321"), "the exec'd process is killed");
    }

    @Test
    void aSlowClientHoldsTheProcessBackInsteadOfJanusdBuffering() throws Exception {
        long size = 256L << 20;
        RemoteCommandClient.Streams out = new RemoteCommandClient.Streams(false, true, false, false);
        long pid = fixture.janusd().pid();
        try (var exec = RemoteCommandClient.spdy(pods.execUrl(container, out, "head", "-c", Long.toString(size),
                "/dev/zero"), out, RemoteCommandClient.SPDY_PROTOCOLS)) {
            byte[] buffer = new byte[64 * 1024];
            long total = exec.stdout().read(buffer, 0, buffer.length); // the process runs and writes
            long before = StreamingPods.rssKiB(pid);
            Thread.sleep(5000); // not reading: the client's connection stops reading after a few MiB
            long during = StreamingPods.rssKiB(pid);
            assertTrue(during - before < 64 * 1024, "janusd grew by " + (during - before) + " KiB while the client"
                    + " did not read (" + before + " -> " + during + ")");
            int n;
            while ((n = exec.stdout().read(buffer, 0, buffer.length)) >= 0) {
                total += n;
            }
            assertEquals(size, total);
            assertTrue(exec.status().success());
        }
    }

    @Test
    void aTokenWorksOnceAndUnknownTokensFindNothing() throws Exception {
        String url = pods.execUrl(container, OUT_ERR, "true");
        try (var exec = RemoteCommandClient.spdy(url, OUT_ERR, RemoteCommandClient.SPDY_PROTOCOLS)) {
            assertTrue(exec.status().success());
        }
        var reused = assertThrows(UpgradeFailedException.class,
                () -> RemoteCommandClient.spdy(url, OUT_ERR, RemoteCommandClient.SPDY_PROTOCOLS));
        assertEquals(404, reused.status());
        String unknown = url.substring(0, url.lastIndexOf('/') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertEquals(404, assertThrows(UpgradeFailedException.class,
                () -> RemoteCommandClient.webSocket(unknown, List.of("v5.channel.k8s.io"))).status());
        String attachPath = url.replace("/exec/", "/attach/");
        assertEquals(404, assertThrows(UpgradeFailedException.class,
                () -> RemoteCommandClient.spdy(attachPath, OUT_ERR, RemoteCommandClient.SPDY_PROTOCOLS)).status());
    }

    @Test
    void aClientWithoutACommonProtocolIsRefused() throws Exception {
        String url = pods.execUrl(container, OUT_ERR, "true");
        var refused = assertThrows(UpgradeFailedException.class,
                () -> RemoteCommandClient.spdy(url, OUT_ERR, List.of("v9.channel.k8s.io")));
        assertEquals(403, refused.status());
    }

    static void waitFor(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** A condition polled by {@link #waitFor}. */
    interface Check {
        boolean ok() throws Exception;
    }
}
