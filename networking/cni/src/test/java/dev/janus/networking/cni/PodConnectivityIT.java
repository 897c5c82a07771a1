package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.networking.PodInterface;
import dev.janus.networking.PodNetworkRequest;
import dev.janus.networking.PodNetworkStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Two pods on a real bridge network: distinct dual-stack IPs, TCP between them. */
class PodConnectivityIT extends ItBase {

    @Test
    void twoPodsGetDistinctAddressesAndReachEachOtherOverTcp() throws Exception {
        net.writeConfig(net.conflist());
        PodNetworkRequest a = net.request("itpod-a");
        PodNetworkRequest b = net.request("itpod-b");
        PodNetworkStatus sa = net.network().attach(a);
        PodNetworkStatus sb = net.network().attach(b);

        assertEquals(2, sa.ips().size(), "dual stack: " + sa.ips());
        assertTrue(sa.ips().get(0).startsWith("10.213." + net.subnet + "."), sa.ips().toString());
        assertTrue(sa.ips().get(1).startsWith("fd5a:213:"), sa.ips().toString());
        assertNotEquals(sa.ips().get(0), sb.ips().get(0));
        assertNotEquals(sa.ips().get(1), sb.ips().get(1));

        net.keep(ItHost.listen(a.netnsPath(), 7001, "pong-from-a"));
        assertEquals("pong-from-a", ItHost.connectFrom(b.netnsPath(), sa.ips().get(0), 7001,
                Duration.ofSeconds(10)), "IPv4 from pod b to pod a");
        assertEquals("pong-from-a", ItHost.connectFrom(b.netnsPath(), sa.ips().get(1), 7001,
                Duration.ofSeconds(10)), "IPv6 from pod b to pod a");
    }

    @Test
    void theInterfaceDataMatchesWhatIsInTheNamespace() throws Exception {
        net.writeConfig(net.conflist());
        PodNetworkRequest a = net.request("itpod-c");
        PodNetworkStatus status = net.network().attach(a);
        PodInterface eth0 = status.interfaces().getFirst();
        assertEquals("eth0", eth0.name());
        String link = ItHost.run("nsenter", "--net=" + a.netnsPath(), "ip", "-o", "link", "show",
                "eth0");
        assertTrue(link.toLowerCase(Locale.ROOT).contains(eth0.mac()), link + " vs " + eth0);
        assertTrue(eth0.addresses().contains(status.ips().get(0) + "/24"), eth0.toString());
        assertTrue(eth0.gateways().contains(net.gateway()), eth0.toString());
        assertTrue(eth0.routes().contains("0.0.0.0/0 via " + net.gateway()), eth0.toString());
        String lo = ItHost.run("nsenter", "--net=" + a.netnsPath(), "ip", "-o", "link", "show",
                "lo");
        assertTrue(lo.contains("UP"), "loopback runs first and brings lo up: " + lo);
    }

    @Test
    void attachingAgainChecksAndReturnsTheSameAttachment() throws Exception {
        net.writeConfig(net.conflist());
        PodNetworkRequest a = net.request("itpod-d");
        PodNetworkStatus first = net.network().attach(a);
        List<String> reserved = net.reservedIps();
        PodNetworkStatus again = net.network().attach(a);
        PodNetworkStatus afterRestart = net.restart().attach(a);
        assertEquals(first.ips(), again.ips());
        assertEquals(first.ips(), afterRestart.ips());
        assertEquals(reserved, net.reservedIps(), "no second address was taken");
        assertEquals(1, net.vethsOnBridge().size(), net.vethsOnBridge().toString());
        Path pin = a.netnsPath();
        assertEquals(pin, net.network().createNamespace("itpod-d"), "createNamespace is idempotent");
    }
}
