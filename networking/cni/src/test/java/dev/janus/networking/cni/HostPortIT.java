package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.networking.PodNetworkRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A CRI hostPort through the portmap plugin: a server in the pod answers a connection made on
 * the host, both to 127.0.0.1 (portmap's snat sets route_localnet on the bridge and marks such
 * connections for masquerade) and to the bridge's gateway address (the host's side of the pod
 * network). No traffic leaves the host.
 */
class HostPortIT extends ItBase {

    @Test
    void aHostPortReachesTheServerInThePod() throws Exception {
        net.writeConfig(net.conflist(ItNetwork.portmap()));
        int hostPort = freeHostPort();
        PodNetworkRequest pod = TestRequests.withPorts("itport-a", net.pod("itport-a"),
                TestRequests.tcp(hostPort, 8080));
        net.network().attach(pod);
        net.keep(ItHost.listen(pod.netnsPath(), 8080, "hello-from-pod"));

        assertEquals("hello-from-pod", readLine("127.0.0.1", hostPort));
        assertEquals("hello-from-pod", readLine(net.gateway(), hostPort));

        net.network().detach(pod);
        String nat = ItHost.run("iptables", "-w", "-t", "nat", "-S");
        assertTrue(!Pattern.compile("--dports? " + hostPort + "\\b").matcher(nat).find(),
                "detach removed the DNAT: " + nat);
    }

    /**
     * The shipped default network (deploy/cni/10-janus-bridge.conflist) works with Debian's
     * plugins, dual stack and hostPort included; only its names and ranges are made private.
     */
    @Test
    void theDefaultNetworkFileWorksWithTheDebianPlugins() throws Exception {
        ObjectNode conf = (ObjectNode) Json.MAPPER.readTree(
                Path.of("../../deploy/cni/10-janus-bridge.conflist").toFile());
        conf.put("name", net.name);
        ObjectNode bridge = (ObjectNode) conf.path("plugins").get(0);
        bridge.put("bridge", net.bridge);
        ObjectNode ipam = (ObjectNode) bridge.get("ipam");
        ipam.put("dataDir", net.ipamDir.toString());
        ((ObjectNode) ipam.path("ranges").get(0).get(0)).put("subnet",
                "10.213." + net.subnet + ".0/24");
        ((ObjectNode) ipam.path("ranges").get(1).get(0)).put("subnet",
                "fd5a:213:" + net.subnet + "::/64");
        net.writeConfig(Json.write(conf));
        int hostPort = freeHostPort();
        PodNetworkRequest pod = TestRequests.withPorts("itport-b", net.pod("itport-b"),
                TestRequests.tcp(hostPort, 8080));
        assertEquals(2, net.network().attach(pod).ips().size());
        net.keep(ItHost.listen(pod.netnsPath(), 8080, "hello-default"));
        assertEquals("hello-default", readLine("127.0.0.1", hostPort));
    }

    /** Retries while the listener starts; returns the first line the pod sends. */
    private static String readLine(String host, int port) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 2000);
                socket.setSoTimeout(3000);
                String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                if (line != null) {
                    return line;
                }
            } catch (IOException e) {
                last = e;
            }
            ItHost.sleep(200);
        }
        throw new IOException("nothing answered on " + host + ":" + port, last);
    }

    private static int freeHostPort() {
        for (int i = 0; i < 50; i++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            try (ServerSocket probe = new ServerSocket(port)) {
                return port;
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IllegalStateException("no free host port between 20000 and 30000");
    }
}
