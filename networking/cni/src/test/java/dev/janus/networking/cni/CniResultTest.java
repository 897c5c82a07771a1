package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.janus.cri.errors.CriException;
import dev.janus.networking.PodInterface;
import dev.janus.networking.PodNetworkStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class CniResultTest {

    @Test
    void aBridgeResultGivesIpv4FirstAndThePodInterface() {
        CniResult result = CniResult.parse(Golden.read("bridge-result.json"));
        PodNetworkStatus status = result.toStatus("eth0");
        assertEquals(List.of("10.213.9.2", "fd00:213:9::2"), status.ips());
        assertEquals(1, status.interfaces().size(), "host-side bridge and veth are left out");
        PodInterface eth0 = status.interfaces().getFirst();
        assertEquals("eth0", eth0.name());
        assertEquals("d6:95:46:29:5a:2d", eth0.mac());
        assertEquals(List.of("fd00:213:9::2/64", "10.213.9.2/24"), eth0.addresses());
        assertEquals(List.of("fd00:213:9::1", "10.213.9.1"), eth0.gateways());
        assertEquals(List.of("0.0.0.0/0 via 10.213.9.1", "::/0 via fd00:213:9::1",
                "192.168.7.0/24 via 10.213.9.254"), eth0.routes());
    }

    @Test
    void aLegacyResultWithoutInterfacesStillGivesTheIps() throws Exception {
        JsonNode legacy = Json.MAPPER.readTree("""
                {"cniVersion": "0.2.0",
                 "ip4": {"ip": "10.1.0.5/16", "gateway": "10.1.0.1",
                         "routes": [{"dst": "0.0.0.0/0"}]},
                 "dns": {"nameservers": ["10.1.0.1"]}}""");
        CniResult result = CniResult.parse(legacy);
        assertEquals(List.of("10.1.0.1"), result.nameservers());
        PodNetworkStatus status = result.toStatus("eth0");
        assertEquals(List.of("10.1.0.5"), status.ips());
        PodInterface eth0 = status.interfaces().getFirst();
        assertEquals("eth0", eth0.name());
        assertEquals(List.of("0.0.0.0/0 via 10.1.0.1"), eth0.routes());
    }

    @Test
    void errorsCarryCodeMessageDetailsAndAKind() throws Exception {
        CniError error = CniError.parse(Json.MAPPER.readTree(
                "{\"cniVersion\":\"1.0.0\",\"code\":7,\"msg\":\"bad subnet\","
                        + "\"details\":\"10.0.0.0/33\"}"));
        assertEquals(CriException.Kind.FAILED_PRECONDITION, error.kind());
        assertEquals("bad subnet (10.0.0.0/33) [CNI error 7]", error.describe());
        assertEquals(CriException.Kind.UNAVAILABLE, new CniError(11, "", "").kind());
        assertEquals(CriException.Kind.NOT_FOUND, new CniError(3, "", "").kind());
        assertEquals(CriException.Kind.INTERNAL, new CniError(999, "x", "").kind());
        assertTrue(new CniError(11, "", "").describe().startsWith("try again later"));
        assertNull(CniError.parse(Golden.read("bridge-result.json")));
    }
}
