package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.guest.protocol.ops.ConfigureNetwork;
import dev.janus.networking.PodInterface;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestNetworkTest {

    private static final PodInterface ETH0 = new PodInterface("eth0", "7e:1e:d0:70:d7:a2",
            List.of("10.88.0.5/16", "fd00::5/64"), List.of("10.88.0.1"),
            List.of("0.0.0.0/0 via 10.88.0.1", "10.99.0.0/16", "::/0 via fd00::1"));

    @Test
    void theGuestTakesThePodInterfaceAsItIs() {
        PodSandboxConfig config = PodSandboxConfig.newBuilder().setHostname("web-0")
                .setDnsConfig(DNSConfig.newBuilder().addServers("10.96.0.10").addSearches("default.svc.cluster.local")
                        .addOptions("ndots:5"))
                .build();
        ConfigureNetwork.Request request = GuestNetwork.of(config, ETH0);
        assertEquals(List.of(new ConfigureNetwork.Interface("7e:1e:d0:70:d7:a2", "eth0",
                List.of("10.88.0.5/16", "fd00::5/64"), 0)), request.interfaces());
        assertEquals(List.of(new ConfigureNetwork.Route("0.0.0.0/0", "10.88.0.1", "eth0", 0),
                new ConfigureNetwork.Route("10.99.0.0/16", "", "eth0", 0),
                new ConfigureNetwork.Route("::/0", "fd00::1", "eth0", 0)), request.routes());
        assertEquals(new ConfigureNetwork.Dns(List.of("10.96.0.10"), List.of("default.svc.cluster.local"),
                List.of("ndots:5")), request.dns());
        assertEquals("web-0", request.hostname());
    }

    @Test
    void withoutRoutesEachGatewayIsADefaultRoute() {
        PodInterface bare = new PodInterface("eth0", "02:00:00:00:00:01", List.of("10.1.0.2/24", "fd01::2/64"),
                List.of("10.1.0.1", "fd01::1"), List.of());
        assertEquals(List.of(new ConfigureNetwork.Route("0.0.0.0/0", "10.1.0.1", "eth0", 0),
                new ConfigureNetwork.Route("::/0", "fd01::1", "eth0", 0)), GuestNetwork.routes(bare));
    }

    @Test
    void theVmTakesTheFirstInterfaceWithAMac() {
        PodInterface noMac = new PodInterface("lo", "", List.of(), List.of(), List.of());
        assertEquals(ETH0, GuestNetwork.podInterface(List.of(noMac, ETH0)));
        assertNull(GuestNetwork.podInterface(List.of(noMac)));
    }
}
