package dev.janus.networking.cni;

import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.PortMapping;
import dev.janus.cri.api.Protocol;
import dev.janus.networking.PodNetworkRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Pod requests for tests. */
final class TestRequests {

    private TestRequests() {
    }

    static PodNetworkRequest plain(String sandboxId, Path netns) {
        return new PodNetworkRequest(sandboxId, netns, "web-0", "shop", "uid-" + sandboxId,
                List.of(), null, "", Map.of());
    }

    static PodNetworkRequest withPorts(String sandboxId, Path netns, PortMapping... ports) {
        return new PodNetworkRequest(sandboxId, netns, "web-0", "shop", "uid-" + sandboxId,
                List.of(ports), null, "", Map.of());
    }

    static PortMapping tcp(int hostPort, int containerPort) {
        return PortMapping.newBuilder().setProtocol(Protocol.TCP).setHostPort(hostPort)
                .setContainerPort(containerPort).build();
    }

    /** Every capability Janus offers, for the golden runtime-config files. */
    static PodNetworkRequest everything() {
        return new PodNetworkRequest("4f2a9c", Path.of("/run/janus/netns/4f2a9c"), "web-0",
                "shop", "7d1e-uid",
                List.of(tcp(8080, 80),
                        PortMapping.newBuilder().setProtocol(Protocol.UDP).setHostPort(5353)
                                .setContainerPort(53).setHostIp("192.0.2.2").build(),
                        PortMapping.newBuilder().setProtocol(Protocol.TCP).setHostPort(0)
                                .setContainerPort(9090).build()),
                DNSConfig.newBuilder().addServers("10.96.0.10")
                        .addSearches("shop.svc.cluster.local").addSearches("svc.cluster.local")
                        .addOptions("ndots:5").build(),
                "kubepods-besteffort-pod7d1e.slice",
                Map.of(BandwidthAnnotations.INGRESS, "10M", BandwidthAnnotations.EGRESS, "1Mi",
                        "team", "checkout"));
    }
}
