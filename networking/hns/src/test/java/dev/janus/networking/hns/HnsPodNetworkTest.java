package dev.janus.networking.hns;

import static dev.janus.networking.hns.TestFiles.assertMatchesGolden;
import static dev.janus.networking.hns.TestFiles.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.PortMapping;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.errors.CriException.Kind;
import dev.janus.networking.NetworkReadiness;
import dev.janus.networking.PodInterface;
import dev.janus.networking.PodNetworkRequest;
import dev.janus.networking.PodNetworkStatus;
import dev.janus.networking.hns.config.HnsConfigFile;
import dev.janus.networking.hns.hcn.HResults;
import dev.janus.networking.hns.hcn.HcnKind;
import dev.janus.networking.hns.schema.HcnJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HnsPodNetwork against the recording stand-in for computenetwork.dll. */
class HnsPodNetworkTest {

    static final String A = "aaaa0000aaaa0000aaaa0000aaaa0000aaaa0000aaaa0000aaaa0000aaaa0000";
    static final String B = "bbbb1111bbbb1111bbbb1111bbbb1111bbbb1111bbbb1111bbbb1111bbbb1111";

    @TempDir
    Path confDir;

    final RecordingHnsApi api = new RecordingHnsApi();

    HnsPodNetwork network() {
        return new HnsPodNetwork(api, confDir);
    }

    @Test
    void readinessCreatesTheDefaultNatNetworkOnce() {
        HnsPodNetwork network = network();

        assertTrue(network.readiness().ready());
        assertTrue(network.readiness().ready());

        assertEquals(1, api.calls("HcnCreateNetwork").size());
        assertMatchesGolden("network-nat-default.json", api.calls("HcnCreateNetwork").get(0).document());
        assertEquals(1, api.networks().size());
    }

    @Test
    void readinessFindsAnExistingNetworkByName() {
        api.put(HcnKind.NETWORK, UUID.randomUUID(), response("network-nat.json"));

        assertTrue(network().readiness().ready());

        assertEquals(0, api.calls("HcnCreateNetwork").size());
        assertEquals("{\"SchemaVersion\":{\"Major\":2,\"Minor\":0},\"Filter\":\"{\\\"Name\\\":\\\"janus-nat\\\"}\"}",
                api.calls("HcnEnumerateNetworks").get(0).document());
    }

    @Test
    void readinessSaysWhyNot() throws IOException {
        api.put(HcnKind.NETWORK, UUID.randomUUID(),
                response("network-l2bridge.json").replace("janus-l2", "janus-nat"));
        NetworkReadiness mismatch = network().readiness();
        assertFalse(mismatch.ready());
        assertEquals("NetworkPluginNotReady", mismatch.reason());
        assertTrue(mismatch.message().contains("is of type L2Bridge"), mismatch.message());

        Files.writeString(confDir.resolve(HnsConfigFile.FILE_NAME), "{\"type\": \"Overlay\"}");
        assertTrue(network().readiness().message().contains(HnsConfigFile.FILE_NAME));

        Files.delete(confDir.resolve(HnsConfigFile.FILE_NAME));
        api.failNext("HcnEnumerateNetworks", 0x803B0020, "");
        String down = network().readiness().message();
        assertTrue(down.contains("HcnEnumerateNetworks for network janus-nat failed: 0x803b0020"
                + " HCN_E_MANAGER_STOPPED"), down);
    }

    @Test
    void podLifecycle() {
        HnsPodNetwork network = network();

        Path token = network.createNamespace(A);
        UUID namespaceId = HcnIds.namespaceFor(A);
        assertEquals(NamespaceToken.of(namespaceId), token);
        assertMatchesGolden("namespace-create.json", api.calls("HcnCreateNamespace").get(0).document());

        PodNetworkStatus status = network.attach(request(A, token));
        UUID endpointId = HcnIds.endpointFor(A);
        assertEquals(List.of("172.30.0.2"), status.ips());
        assertEquals(new PodInterface(endpointId.toString(), "00:15:5d:52:c0:02", List.of("172.30.0.2/16"),
                List.of("172.30.0.1"), List.of("0.0.0.0/0 via 172.30.0.1")), status.interfaces().get(0));

        var created = HcnJson.readTree(api.calls("HcnCreateEndpoint").get(0).document());
        assertEquals("janus-" + A, created.path("Name").asText());
        assertEquals("PortMapping", created.path("Policies").path(0).path("Type").asText());
        assertEquals("10.96.0.10", created.path("Dns").path("ServerList").path(0).asText());
        assertEquals(endpointId, api.calls("HcnCreateEndpoint").get(0).id());
        assertEquals(namespaceId.toString(), api.endpoints().get(endpointId).path("HostComputeNamespace").asText());

        network.detach(request(A, token));
        assertTrue(api.endpoints().isEmpty());
        assertTrue(api.namespaces().get(namespaceId).path("Resources").isEmpty());

        network.removeNamespace(A);
        assertTrue(api.namespaces().isEmpty());
    }

    @Test
    void everyStepCanBeRepeated() {
        HnsPodNetwork network = network();

        Path token = network.createNamespace(A);
        assertEquals(token, network.createNamespace(A));
        PodNetworkStatus first = network.attach(request(A, token));
        assertEquals(first, network.attach(request(A, token)));
        assertEquals(1, api.calls("HcnCreateNamespace").size());
        assertEquals(1, api.calls("HcnCreateEndpoint").size());
        assertEquals(1, api.calls("HcnModifyNamespace").size());

        network.detach(request(A, token));
        network.detach(request(A, token));
        network.removeNamespace(A);
        network.removeNamespace(A);
        network.detach(request(A, token));
        assertTrue(api.endpoints().isEmpty());
        assertTrue(api.namespaces().isEmpty());
    }

    @Test
    void attachNeedsTheNamespace() {
        CriException missing = assertThrows(CriException.class,
                () -> network().attach(request(A, NamespaceToken.of(HcnIds.namespaceFor(A)))));
        assertEquals(Kind.FAILED_PRECONDITION, missing.kind());

        CriException linuxPath = assertThrows(CriException.class,
                () -> network().attach(request(A, Path.of("/var/run/netns/x"))));
        assertEquals(Kind.INVALID_ARGUMENT, linuxPath.kind());
    }

    @Test
    void portConflictNamesThePodAndLeavesNothing() {
        HnsPodNetwork network = network();
        Path token = network.createNamespace(A);
        api.failNext("HcnCreateEndpoint", HResults.HCN_E_PORT_ALREADY_EXISTS, response("error-port-exists.json"));

        CriException e = assertThrows(CriException.class, () -> network.attach(request(A, token)));

        assertEquals(Kind.ALREADY_EXISTS, e.kind());
        assertEquals("HcnCreateEndpoint for pod default/web on network janus-nat failed: 0x803b0013"
                + " HCN_E_PORT_ALREADY_EXISTS: The port already exists.", e.getMessage());
        assertTrue(api.endpoints().isEmpty());
    }

    @Test
    void failedJoinDeletesTheNewEndpoint() {
        HnsPodNetwork network = network();
        Path token = network.createNamespace(A);
        api.failNext("HcnModifyNamespace", HResults.E_FAIL, "");

        CriException e = assertThrows(CriException.class, () -> network.attach(request(A, token)));

        assertEquals(Kind.INTERNAL, e.kind());
        assertTrue(e.getMessage().startsWith("HcnModifyNamespace for pod default/web"), e.getMessage());
        assertTrue(api.endpoints().isEmpty());
        assertEquals(1, network.attach(request(A, token)).ips().size());
    }

    @Test
    void endpointOnAnotherNetworkIsReplaced() throws IOException {
        HnsPodNetwork network = network();
        Path token = network.createNamespace(A);
        network.attach(request(A, token));
        Files.writeString(confDir.resolve(HnsConfigFile.FILE_NAME), """
                {"name": "other", "subnets": [{"prefix": "10.10.0.0/24", "gateway": "10.10.0.1"}]}""");

        PodNetworkStatus status = network.attach(request(A, token));

        assertTrue(status.ips().get(0).startsWith("10.10.0."), status.ips().toString());
        assertEquals(2, api.calls("HcnCreateEndpoint").size());
        assertEquals(1, api.calls("HcnDeleteEndpoint").size());
        assertEquals(1, api.endpoints().size());
    }

    @Test
    void removeNamespaceTakesLeftoverEndpointsWithIt() {
        HnsPodNetwork network = network();
        Path token = network.createNamespace(A);
        network.attach(request(A, token));

        network.removeNamespace(A);

        assertTrue(api.endpoints().isEmpty());
        assertTrue(api.namespaces().isEmpty());
    }

    @Test
    void dualStackPodsGetBothAddressesIpv4First() throws IOException {
        Files.writeString(confDir.resolve(HnsConfigFile.FILE_NAME), """
                {"name": "dual", "type": "L2Bridge",
                 "subnets": [{"prefix": "fd00:244:1::/64", "gateway": "fd00:244:1::1"},
                             {"prefix": "10.244.1.0/24", "gateway": "10.244.1.1"}]}""");
        HnsPodNetwork network = network();

        PodNetworkStatus status = network.attach(request(A, network.createNamespace(A)));

        assertEquals("10.244.1.2", status.ips().get(0));
        assertTrue(status.ips().get(1).startsWith("fd00:244:1:"), status.ips().toString());
        assertEquals(List.of("10.244.1.1", "fd00:244:1::1"), status.interfaces().get(0).gateways());
    }

    @Test
    void sweepAfterRestartRemovesOnlyStaleJanusObjects() {
        HnsPodNetwork before = network();
        Path a = before.createNamespace(A);
        before.attach(request(A, a));
        before.attach(request(B, before.createNamespace(B)));
        UUID foreignEndpoint = api.put(HcnKind.ENDPOINT, UUID.randomUUID(), "{\"Name\":\"docker-thing\"}");
        UUID foreignNamespace = api.put(HcnKind.NAMESPACE, UUID.randomUUID(), "{\"Type\":\"Host\"}");

        SweepResult result = network().sweepStale(Set.of(A));

        assertEquals(List.of(HcnIds.endpointFor(B)), result.endpoints());
        assertEquals(List.of(HcnIds.namespaceFor(B)), result.namespaces());
        assertEquals(List.of(), result.failures());
        assertEquals(Set.of(HcnIds.endpointFor(A), foreignEndpoint), api.endpoints().keySet());
        assertEquals(Set.of(HcnIds.namespaceFor(A), foreignNamespace), api.namespaces().keySet());
    }

    @Test
    void sweepNeverTakesWhatThisJanusdServes() {
        HnsPodNetwork network = network();
        network.attach(request(A, network.createNamespace(A)));

        SweepResult result = network.sweepStale(Set.of());

        assertTrue(result.endpoints().isEmpty() && result.namespaces().isEmpty());
        assertEquals(1, api.endpoints().size());
    }

    @Test
    void sweepGoesOnPastAFailure() {
        HnsPodNetwork before = network();
        before.attach(request(A, before.createNamespace(A)));
        before.attach(request(B, before.createNamespace(B)));
        api.failNext("HcnDeleteEndpoint", HResults.E_FAIL, "");

        SweepResult result = network().sweepStale(Set.of());

        assertEquals(1, result.endpoints().size());
        assertEquals(1, result.failures().size());
        assertTrue(result.failures().get(0).contains("HcnDeleteEndpoint"), result.failures().toString());
        assertEquals(1, api.endpoints().size());
    }

    @Test
    void anHnsThatIgnoresRequestedIdsIsReportedAndLeftClean() {
        api.ignoreRequestedIds = true;

        CriException e = assertThrows(CriException.class, () -> network().createNamespace(A));

        assertEquals(Kind.INTERNAL, e.kind());
        assertTrue(e.getMessage().contains("requested id"), e.getMessage());
        assertTrue(api.namespaces().isEmpty());
    }

    static PodNetworkRequest request(String sandboxId, Path netns) {
        PortMapping web = PortMapping.newBuilder().setContainerPort(80).setHostPort(8080).build();
        DNSConfig dns = DNSConfig.newBuilder().addServers("10.96.0.10").addSearches("svc.cluster.local").build();
        return new PodNetworkRequest(sandboxId, netns, "web", "default", "uid-1", List.of(web), dns, "",
                Map.of());
    }
}
