package dev.janus.e2e.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ExecRequest;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.e2e.HostProcesses;
import dev.janus.e2e.JanusdFixture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens that expire, idle connections that close, and requests the RPCs refuse. */
class StreamingLimitsIT {

    private static final RemoteCommandClient.Streams OUTPUT = new RemoteCommandClient.Streams(false, true, true, false);

    private static JanusdFixture fixture;
    private static StreamingPods pods;
    private static String container;

    @BeforeAll
    static void start() throws Exception {
        fixture = StreamingPods.start("limits", 24, 2, 3);
        pods = new StreamingPods(fixture);
        PodSandboxConfig pod = pods.pod("limits");
        container = pods.container(pods.run(pod), pod, pods.config("main", "sleep", "100000").build());
    }

    @AfterAll
    static void stop() throws Exception {
        JanusdFixture.closeAll(pods, fixture);
    }

    @Test
    void anExpiredTokenFindsNothing() throws Exception {
        String url = pods.execUrl(container, OUTPUT, "true");
        Thread.sleep(3000);
        var expired = assertThrows(UpgradeFailedException.class,
                () -> RemoteCommandClient.spdy(url, OUTPUT, RemoteCommandClient.SPDY_PROTOCOLS));
        assertEquals(404, expired.status());
    }

    @Test
    void anIdleConnectionIsClosedAndItsProcessEnds() throws Exception {
        var exec = RemoteCommandClient.spdy(pods.execUrl(container, OUTPUT, "sleep", "6061"), OUTPUT,
                RemoteCommandClient.SPDY_PROTOCOLS);
        long started = System.nanoTime();
        exec.closed().get(20, TimeUnit.SECONDS);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertTrue(seconds >= 2 && seconds <= 10, "closed after " + seconds + "s");
        ExecStreamingIT.waitFor(() -> !HostProcesses.runs("sleep\u00006061"), "the idle exec is killed");
    }

    @Test
    void aConnectionThatCarriesDataIsNotIdle() throws Exception {
        try (var exec = RemoteCommandClient.spdy(pods.execUrl(container, OUTPUT, "sh", "-c",
                "for i in 1 2 3 4 5 6; do echo $i; sleep 1; done"), OUTPUT, RemoteCommandClient.SPDY_PROTOCOLS)) {
            assertEquals("1\n2\n3\n4\n5\n6\n", exec.stdout().readAll());
            assertTrue(exec.status().success());
        }
    }

    @Test
    void theRpcsRefuseBadRequests() {
        var runtime = pods.cri().runtime();
        expect(Status.Code.INVALID_ARGUMENT, () -> runtime.exec(ExecRequest.newBuilder().setContainerId(container)
                .addCmd("sh").setTty(true).setStderr(true).setStdout(true).build()));
        expect(Status.Code.INVALID_ARGUMENT, () -> runtime.exec(ExecRequest.newBuilder().setContainerId(container)
                .addCmd("sh").build()));
        expect(Status.Code.INVALID_ARGUMENT, () -> runtime.exec(ExecRequest.newBuilder().setContainerId(container)
                .setStdout(true).build()));
        expect(Status.Code.NOT_FOUND, () -> runtime.exec(ExecRequest.newBuilder().setContainerId("nosuchcontainer")
                .addCmd("sh").setStdout(true).build()));
        expect(Status.Code.NOT_FOUND, () -> pods.portForwardUrl("nosuchpod", 80));
        expect(Status.Code.INVALID_ARGUMENT, () -> pods.portForwardUrl("", 80));
    }

    private static void expect(Status.Code code, Runnable call) {
        var failure = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, failure.getStatus().getCode(), failure.getMessage());
    }
}
