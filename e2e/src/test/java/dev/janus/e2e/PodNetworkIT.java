package dev.janus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxStatusRequest;
import dev.janus.cri.api.PortMapping;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pods on the pod network as a user checks them: distinct IPs that reach each other over TCP, a
 * hostPort that reaches a server in a pod from the host, and the DNS settings asked for.
 */
class PodNetworkIT {

    private static JanusdFixture fixture;
    private static CriClient cri;

    @BeforeAll
    static void start() throws Exception {
        fixture = JanusdFixture.start("network", 14, List.of());
        cri = fixture.client();
        cri.images().pullImage(PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(fixture.image())).build());
    }

    @AfterAll
    static void stop() throws Exception {
        JanusdFixture.closeAll(cri, fixture);
    }

    @Test
    void podsReachEachOtherAndTheHostReachesAHostPort() throws Exception {
        int hostPort = 20000 + (int) (ProcessHandle.current().pid() % 9000);
        PodSandboxConfig server = Configs.pod("server", fixture.dir().resolve("logs")).toBuilder()
                .addPortMappings(PortMapping.newBuilder().setContainerPort(8080).setHostPort(hostPort))
                .setDnsConfig(DNSConfig.newBuilder().addServers("10.96.0.10").addSearches("e2e.svc.cluster.local")
                        .addOptions("ndots:5"))
                .build();
        PodSandboxConfig client = Configs.pod("client", fixture.dir().resolve("logs"));
        String serverPod = run(server);
        String clientPod = run(client);
        String serverIp = ip(serverPod);
        assertNotEquals(serverIp, ip(clientPod), "each pod has its own address");

        String listener = start(serverPod, server, Configs.container("listener", fixture.image(), "sh", "-c",
                "while true; do echo pong-from-server | nc -l -p 8080; done"));
        String dialer = start(clientPod, client, Configs.container("dialer", fixture.image(), "sleep", "600"));
        assertEquals("pong-from-server\n", podToPod(dialer, serverIp), "a pod reaches another pod over TCP");
        assertEquals("pong-from-server\n", hostToPod(hostPort), "the host reaches the pod through its hostPort");

        String resolv = Checks.exec(cri, listener, 10, "cat", "/etc/resolv.conf").getStdout().toStringUtf8();
        assertTrue(resolv.contains("nameserver 10.96.0.10"), resolv);
        assertTrue(resolv.contains("search e2e.svc.cluster.local"), resolv);
        assertTrue(resolv.contains("options ndots:5"), resolv);

        cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(serverPod).build());
        cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(clientPod).build());
        Checks.assertNothingLeft(fixture, serverPod, clientPod, listener, dialer);
    }

    /** The listener serves one connection at a time in a loop: retry while it is between two. */
    private static String podToPod(String dialer, String ip) throws InterruptedException {
        String answer = "";
        for (int i = 0; i < 50 && answer.isEmpty(); i++) {
            answer = Checks.exec(cri, dialer, 10, "sh", "-c", "nc " + ip + " 8080 </dev/null").getStdout().toStringUtf8();
            Thread.sleep(answer.isEmpty() ? 200 : 0);
        }
        return answer;
    }

    private static String hostToPod(int hostPort) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", hostPort), 5000);
                socket.setSoTimeout(5000);
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!answer.isEmpty()) {
                    return answer;
                }
            } catch (java.io.IOException notYet) {
                // between two connections of the listener
            }
            Thread.sleep(200);
        }
        return "";
    }

    private static String run(PodSandboxConfig pod) {
        return cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod).build()).getPodSandboxId();
    }

    private static String ip(String podId) {
        return cri.runtime().podSandboxStatus(PodSandboxStatusRequest.newBuilder().setPodSandboxId(podId).build())
                .getStatus().getNetwork().getIp();
    }

    private static String start(String podId, PodSandboxConfig pod, dev.janus.cri.api.ContainerConfig config) {
        String id = cri.runtime().createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(podId)
                .setSandboxConfig(pod).setConfig(config).build()).getContainerId();
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
        return id;
    }
}
