package dev.janus.e2e.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerState;
import dev.janus.cri.api.ContainerStatusRequest;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.e2e.JanusdFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attach to running containers through their conmon: a terminal that sees its size, stdin and
 * output apart without a terminal, WebSocket, and a container started before janusd restarted.
 */
class AttachStreamingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RemoteCommandClient.Streams TERMINAL = new RemoteCommandClient.Streams(true, true, false, true);
    private static final RemoteCommandClient.Streams PLAIN = new RemoteCommandClient.Streams(true, true, true, false);
    private static final RemoteCommandClient.Streams OUTPUT = new RemoteCommandClient.Streams(false, true, true, false);

    private static JanusdFixture fixture;
    private static StreamingPods pods;
    private static String terminal;
    private static String reader;
    private static String ticker;

    @BeforeAll
    static void start() throws Exception {
        fixture = StreamingPods.start("attach", 22, 60, 60);
        pods = new StreamingPods(fixture);
        PodSandboxConfig pod = pods.pod("attach");
        String podId = pods.run(pod);
        terminal = pods.container(podId, pod, pods.config("terminal", "sh").setTty(true).setStdin(true).build());
        reader = pods.container(podId, pod, pods.config("reader", "sh", "-c",
                "while read line; do echo \"got $line\"; echo \"err $line\" >&2; done").setStdin(true).build());
        ticker = pods.container(podId, pod, pods.config("ticker", "sh", "-c",
                "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done").build());
    }

    @AfterAll
    static void stop() throws Exception {
        JanusdFixture.closeAll(pods, fixture);
    }

    @Test
    void attachToATerminalOverSpdy() throws Exception {
        try (var attach = RemoteCommandClient.spdy(pods.attachUrl(terminal, TERMINAL), TERMINAL,
                RemoteCommandClient.SPDY_PROTOCOLS)) {
            attach.resize(90, 25);
            attach.stdin("echo attached-$((40+2))\n");
            attach.stdout().readUntil("attached-42", WAIT);
            attach.stdin("stty size\n");
            attach.stdout().readUntil("25 90", WAIT);
        }
        assertRunning(terminal);
    }

    @Test
    void attachWithoutTerminalKeepsStdoutAndStderrApartAndEndsWithStdin() throws Exception {
        try (var attach = RemoteCommandClient.spdy(pods.attachUrl(reader, PLAIN), PLAIN,
                RemoteCommandClient.SPDY_PROTOCOLS)) {
            attach.stdin("one\n");
            attach.stdout().readUntil("got one\n", WAIT);
            attach.stderr().readUntil("err one\n", WAIT);
            attach.closeStdin();
            assertTrue(attach.status().success());
        }
        assertRunning(reader); // its stdin stays open for the next client
    }

    @Test
    void attachEndsWhenTheContainerExits() throws Exception {
        PodSandboxConfig pod = pods.pod("attach-once");
        String podId = pods.run(pod);
        String once = pods.container(podId, pod, pods.config("once", "sh", "-c", "read x; echo bye $x")
                .setStdin(true).setStdinOnce(true).build());
        try (var attach = RemoteCommandClient.spdy(pods.attachUrl(once, PLAIN), PLAIN,
                RemoteCommandClient.SPDY_PROTOCOLS)) {
            attach.stdin("now\n");
            assertEquals("bye now\n", attach.stdout().readAll()); // the stream ends with the container
            assertTrue(attach.status().success());
        }
        ExecStreamingIT.waitFor(() -> pods.cri().runtime().containerStatus(ContainerStatusRequest.newBuilder()
                .setContainerId(once).build()).getStatus().getState() == ContainerState.CONTAINER_EXITED,
                "the container exited");
    }

    @Test
    void attachOverWebSocketReadsTheRunningOutput() throws Exception {
        try (var attach = RemoteCommandClient.webSocket(pods.attachUrl(ticker, OUTPUT),
                List.of("v5.channel.k8s.io", "v4.channel.k8s.io"))) {
            String seen = attach.stdout().readUntil("tick", WAIT);
            attach.stdout().readUntil("\n", WAIT);
            assertTrue(seen.contains("tick"), seen);
        }
        assertRunning(ticker);
    }

    @Test
    void attachReachesAContainerStartedBeforeJanusdRestarted() throws Exception {
        fixture.janusd().stop();
        fixture.janusd().start();
        pods.reconnect();
        try (var attach = RemoteCommandClient.spdy(pods.attachUrl(reader, PLAIN), PLAIN,
                RemoteCommandClient.SPDY_PROTOCOLS)) {
            attach.stdin("after restart\n");
            attach.stdout().readUntil("got after restart\n", WAIT);
        }
    }

    private static void assertRunning(String id) {
        assertEquals(ContainerState.CONTAINER_RUNNING, pods.cri().runtime().containerStatus(
                ContainerStatusRequest.newBuilder().setContainerId(id).build()).getStatus().getState());
    }
}
