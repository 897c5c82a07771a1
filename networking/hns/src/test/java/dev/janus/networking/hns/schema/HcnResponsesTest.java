package dev.janus.networking.hns.schema;

import static dev.janus.networking.hns.TestFiles.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Decoding what HNS answers, from samples written after the documented HCN schema. */
class HcnResponsesTest {

    @Test
    void natNetworkWithoutTypeIsNat() {
        HostComputeNetwork network = HcnResponses.network(response("network-nat.json"));

        assertEquals("NAT", network.type());
        assertEquals("janus-nat", network.name());
        assertEquals(UUID.fromString("3c5c1e3a-0e3b-4a5a-9e5c-5b2b7c0f9d11"), HcnResponses.guid(network.id()));
        Subnet subnet = network.ipams().get(0).subnets().get(0);
        assertEquals("172.30.0.0/16", subnet.ipAddressPrefix());
        assertEquals(Route.via("172.30.0.1", "0.0.0.0/0"), subnet.routes().get(0));
    }

    @Test
    void l2BridgeNetworkKeepsItsTypeAndPolicies() {
        HostComputeNetwork network = HcnResponses.network(response("network-l2bridge.json"));

        assertEquals("L2Bridge", network.type());
        assertEquals("NetAdapterName", network.policies().get(0).type());
        assertEquals("Ethernet", network.policies().get(0).settings().path("NetworkAdapterName").asText());
    }

    @Test
    void endpointPropertiesDecode() {
        HostComputeEndpoint endpoint = HcnResponses.endpoint(response("endpoint.json"));

        assertEquals("janus-sb1", endpoint.name());
        assertEquals(new IpConfig("172.30.0.5", 16), endpoint.ipConfigurations().get(0));
        assertEquals("00-15-5D-52-C0-05", endpoint.macAddress());
        assertEquals("6a616e75-0001-8123-a456-789abcdef012", endpoint.hostComputeNamespace());
        assertEquals(List.of("10.96.0.10"), endpoint.dns().serverList());
        assertEquals(List.of("svc.cluster.local"), endpoint.dns().search());
        assertEquals("PortMapping", endpoint.policies().get(0).type());
        assertEquals(8080, endpoint.policies().get(0).settings().path("ExternalPort").asInt());
    }

    @Test
    void namespaceListsItsEndpointsOnly() {
        HostComputeNamespace namespace = HcnResponses.namespace(response("namespace.json"));

        assertEquals(7L, namespace.namespaceId());
        assertEquals("Host", namespace.type());
        assertEquals(List.of("6A616E75-0002-8ABC-9DEF-0123456789AB"), namespace.endpointIds());
    }

    @Test
    void enumerationGivesIdsInAnyCaseWithOrWithoutBraces() {
        assertEquals(List.of(UUID.fromString("3c5c1e3a-0e3b-4a5a-9e5c-5b2b7c0f9d11"),
                UUID.fromString("6a616e75-0001-8123-a456-789abcdef012")),
                HcnResponses.ids(response("enumerate.json")));
        assertEquals(List.of(), HcnResponses.ids(""));
        assertEquals(List.of(), HcnResponses.ids("[]"));
        assertEquals(List.of(), HcnResponses.ids("null"));
    }

    @Test
    void enumerationThatIsNoArrayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HcnResponses.ids("{\"ID\":\"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> HcnResponses.guid("1-2-3-4-5"));
    }

    @Test
    void errorRecordDecodes() {
        HcnErrorRecord record = HcnResponses.errorRecord(response("error-port-exists.json")).orElseThrow();

        assertEquals(false, record.success());
        assertEquals("The port already exists. ", record.error());
        assertEquals(0x803B0013L, record.errorCode());
    }

    @Test
    void textThatIsNoRecordIsNone() {
        assertTrue(HcnResponses.errorRecord("").isEmpty());
        assertTrue(HcnResponses.errorRecord("access denied").isEmpty());
        assertTrue(HcnResponses.errorRecord("{not json").isEmpty());
    }

    @Test
    void unreadableAnswerNamesWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HcnResponses.endpoint("{\"IpConfigurations\": 5}"));
        assertTrue(e.getMessage().contains("HostComputeEndpoint"), e.getMessage());
    }
}
