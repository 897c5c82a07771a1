package dev.janus.e2e.streaming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.e2e.JanusdFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Port-forward to HTTP servers inside a pod's network namespace (ports 8080 and 8081 on the
 * pod's loopback, unreachable from the host), over SPDY and WebSocket.
 */
class PortForwardIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GET = "GET /index.html HTTP/1.0\r\n\r\n";

    private static JanusdFixture fixture;
    private static StreamingPods pods;
    private static String podId;

    @BeforeAll
    static void start() throws Exception {
        fixture = StreamingPods.start("portforward", 23, 60, 60);
        pods = new StreamingPods(fixture);
        PodSandboxConfig pod = pods.pod("portforward");
        podId = pods.run(pod);
        pods.container(podId, pod, pods.config("web", "sh", "-c", "mkdir -p /tmp/www"
                + " && echo hello-from-the-pod > /tmp/www/index.html"
                + " && httpd -p 127.0.0.1:8081 -h /tmp/www && exec httpd -f -p 127.0.0.1:8080 -h /tmp/www").build());
        try (var forward = PortForwardClient.connect(pods.portForwardUrl(podId))) {
            ExecStreamingIT.waitFor(() -> get(forward, 8080).contains("200 OK"), "the pod's HTTP server answers");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        JanusdFixture.closeAll(pods, fixture);
    }

    @Test
    void aThousandRequestsOverTwentyConcurrentConnectionsAreAllAnswered() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try (var forward = PortForwardClient.connect(pods.portForwardUrl(podId))) {
            assertEquals("portforward.k8s.io", forward.protocol());
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 20; w++) {
                workers.add(clients.submit(() -> {
                    int answered = 0;
                    for (int i = 0; i < 50; i++) {
                        String response = get(forward, i % 2 == 0 ? 8080 : 8081);
                        if (response.startsWith("HTTP/1.1 200 OK") && response.endsWith("hello-from-the-pod\n")) {
                            answered++;
                        }
                    }
                    return answered;
                }));
            }
            int answered = 0;
            for (Future<Integer> worker : workers) {
                answered += worker.get();
            }
            assertEquals(1000, answered);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aRefusedPortIsReportedOnTheErrorStream() throws Exception {
        try (var forward = PortForwardClient.connect(pods.portForwardUrl(podId))) {
            var connection = forward.open(9);
            String error = connection.errors();
            assertTrue(error.contains("error forwarding port 9"), error);
            assertEquals("", connection.input().readAll());
            assertTrue(get(forward, 8080).contains("hello-from-the-pod"), "the session goes on");
        }
    }

    @Test
    void webSocketForwardsEachPortOfTheUrl() throws Exception {
        String url = pods.portForwardUrl(podId) + "?port=8080&port=8081";
        try (var ws = WebSocketClient.connect(url, List.of("v4.channel.k8s.io"))) {
            assertEquals("v4.channel.k8s.io", ws.protocol());
            for (int i = 0; i < 2; i++) {
                int port = 8080 + i;
                byte[] prefix = {(byte) port, (byte) (port >> 8)};
                assertArrayEquals(prefix, ws.channel(2 * i).stream().readNBytes(2), "data channel names its port");
                assertArrayEquals(prefix, ws.channel(2 * i + 1).stream().readNBytes(2), "error channel names its port");
                ws.send(2 * i, GET);
                try {
                    ws.channel(2 * i).readUntil("hello-from-the-pod", WAIT);
                } catch (IOException e) {
                    throw new AssertionError("port " + port + ": " + e.getMessage() + "; its error channel holds: \""
                            + ws.channel(2 * i + 1).unread() + "\"", e);
                }
            }
            ws.closed().get(); // each server closed its connection: the WebSocket ends
        }
    }

    @Test
    void base64WebSocketForwardsThePortsOfTheRequest() throws Exception {
        String url = pods.portForwardUrl(podId, 8081);
        try (var ws = WebSocketClient.connect(url, List.of("v4.base64.channel.k8s.io"))) {
            assertEquals("v4.base64.channel.k8s.io", ws.protocol());
            ws.channel(0).stream().readNBytes(2);
            ws.send(0, GET);
            assertTrue(ws.channel(0).readAll().contains("hello-from-the-pod"));
        }
    }

    /** One HTTP/1.0 request over its own forwarded connection; the response, or what went wrong. */
    static String get(PortForwardClient forward, int port) throws Exception {
        var connection = forward.open(port);
        connection.write(GET);
        connection.finish();
        String response = connection.input().readAll();
        String error = connection.errors();
        return error.isEmpty() ? response : "error: " + error;
    }
}
