package dev.janus.networking.hns.documents;

import static dev.janus.networking.hns.TestFiles.assertMatchesGolden;

import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.PortMapping;
import dev.janus.cri.api.Protocol;
import dev.janus.networking.hns.config.HnsNetworkConfig;
import dev.janus.networking.hns.config.NetworkType;
import dev.janus.networking.hns.config.SubnetConfig;
import dev.janus.networking.hns.schema.HcnJson;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every document Janus sends to HNS, for a table of inputs, against golden/*.json. */
class DocumentGoldenTest {

    static final String NETWORK_ID = "2f0a8f1e-5e3c-4b3a-9d2c-6a1b0c9d8e7f";
    static final UUID ENDPOINT_ID = UUID.fromString("6a616e75-0002-8abc-9def-0123456789ab");

    static final SubnetConfig V4 = new SubnetConfig("10.244.1.0/24", "10.244.1.1");
    static final SubnetConfig V6 = new SubnetConfig("fd00:244:1::/64", "fd00:244:1::1");

    static final HnsNetworkConfig NAT = HnsNetworkConfig.defaults();
    static final HnsNetworkConfig L2BRIDGE = new HnsNetworkConfig("janus-l2", NetworkType.L2BRIDGE,
            List.of(V4), "Ethernet", null, null, List.of("10.244.0.0/16"), List.of("10.96.0.0/12"));
    static final HnsNetworkConfig OVERLAY = new HnsNetworkConfig("janus-vxlan", NetworkType.OVERLAY,
            List.of(new SubnetConfig("10.244.2.0/24", "10.244.2.1")), "Ethernet 2", 4096, 4789,
            List.of("10.244.0.0/16"), List.of("10.96.0.0/12"));
    static final HnsNetworkConfig DUAL_STACK = new HnsNetworkConfig("janus-dual", NetworkType.L2BRIDGE,
            List.of(V4, V6), "Ethernet", null, null, List.of("10.244.0.0/16", "fd00:244::/48"),
            List.of("10.96.0.0/12", "fd00:96::/108"));

    record Case(String golden, Supplier<Object> document) {

        @Override
        public String toString() {
            return golden;
        }
    }

    static Stream<Case> documents() {
        return Stream.of(
                new Case("network-nat-default.json", () -> NetworkDocuments.network(NAT)),
                new Case("network-l2bridge.json", () -> NetworkDocuments.network(L2BRIDGE)),
                new Case("network-overlay.json", () -> NetworkDocuments.network(OVERLAY)),
                new Case("network-dualstack.json", () -> NetworkDocuments.network(DUAL_STACK)),
                new Case("endpoint-nat-minimal.json", () -> endpoint(NAT, List.of(), null)),
                new Case("endpoint-nat-ports-dns.json", () -> endpoint(NAT, List.of(
                        port(Protocol.TCP, 80, 8080, ""),
                        port(Protocol.UDP, 53, 5353, "192.168.1.10"),
                        port(Protocol.TCP, 9090, 0, "")), kubeDns())),
                new Case("endpoint-l2bridge.json", () -> endpoint(L2BRIDGE,
                        List.of(port(Protocol.TCP, 8443, 443, "0.0.0.0")), kubeDns())),
                new Case("endpoint-overlay.json", () -> endpoint(OVERLAY, List.of(), null)),
                new Case("endpoint-dualstack.json", () -> endpoint(DUAL_STACK, List.of(
                        port(Protocol.TCP, 80, 8080, ""),
                        port(Protocol.TCP, 81, 8081, "::"),
                        port(Protocol.UDP, 53, 53, "fd00::5")), null)),
                new Case("namespace-create.json", NamespaceDocuments::namespace),
                new Case("namespace-add-endpoint.json", () -> NamespaceDocuments.addEndpoint(ENDPOINT_ID)),
                new Case("namespace-remove-endpoint.json", () -> NamespaceDocuments.removeEndpoint(ENDPOINT_ID)),
                new Case("query-all.json", Queries::all),
                new Case("query-by-name.json", () -> Queries.byName("janus-nat")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void documentMatchesGolden(Case c) {
        assertMatchesGolden(c.golden(), HcnJson.write(c.document().get()));
    }

    static Object endpoint(HnsNetworkConfig network, List<PortMapping> ports, DNSConfig dns) {
        return EndpointDocuments.endpoint(new EndpointInput("janus-sb1", NETWORK_ID, network, ports, dns));
    }

    static PortMapping port(Protocol protocol, int containerPort, int hostPort, String hostIp) {
        return PortMapping.newBuilder().setProtocol(protocol).setContainerPort(containerPort)
                .setHostPort(hostPort).setHostIp(hostIp).build();
    }

    static DNSConfig kubeDns() {
        return DNSConfig.newBuilder().addServers("10.96.0.10")
                .addSearches("default.svc.cluster.local").addSearches("svc.cluster.local")
                .addSearches("cluster.local").addOptions("ndots:5").build();
    }
}
