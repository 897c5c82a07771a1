package dev.janus.networking.hns.win32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.PortMapping;
import dev.janus.networking.PodNetworkRequest;
import dev.janus.networking.PodNetworkStatus;
import dev.janus.networking.hns.HcnIds;
import dev.janus.networking.hns.HnsPodNetwork;
import dev.janus.networking.hns.NamespaceToken;
import dev.janus.networking.hns.SweepResult;
import dev.janus.networking.hns.config.HnsConfigFile;
import dev.janus.networking.hns.documents.Queries;
import dev.janus.networking.hns.hcn.HcnException;
import dev.janus.networking.hns.hcn.HcnKind;
import dev.janus.networking.hns.schema.HcnJson;
import dev.janus.networking.hns.schema.HcnResponses;
import dev.janus.networking.hns.schema.HostComputeNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real computenetwork.dll: a NAT network of its own, one pod through every step, a sweep.
 * Runs only on Windows with the Containers feature, as Administrator; elsewhere it is skipped.
 */
@EnabledOnOs(OS.WINDOWS)
class ComputeNetworkWindowsTest {

    static final String NETWORK = "janus-test-nat";

    @TempDir
    Path confDir;

    final NativeHnsApi api = new NativeHnsApi();

    @AfterEach
    void deleteTestNetwork() {
        for (UUID id : HcnResponses.ids(api.enumerate(HcnKind.NETWORK, HcnJson.write(Queries.byName(NETWORK))))) {
            api.delete(HcnKind.NETWORK, id);
        }
    }

    @Test
    void missingObjectsAreNotFound() {
        HcnException e = assertThrows(HcnException.class,
                () -> api.query(HcnKind.ENDPOINT, UUID.randomUUID(), HcnJson.write(Queries.all())));
        assertTrue(e.isNotFound(), e.getMessage());
    }

    @Test
    void podThroughEveryStep() throws IOException {
        Files.writeString(confDir.resolve(HnsConfigFile.FILE_NAME), """
                {"name": "%s", "subnets": [{"prefix": "172.31.250.0/24", "gateway": "172.31.250.1"}]}
                """.formatted(NETWORK));
        HnsPodNetwork network = new HnsPodNetwork(api, confDir);
        assertTrue(network.readiness().ready(), network.readiness().message());
        String sandbox = HexFormat.of().formatHex(randomBytes());

        Path token = network.createNamespace(sandbox);
        assertEquals(NamespaceToken.of(HcnIds.namespaceFor(sandbox)), token);
        PodNetworkStatus status = network.attach(request(sandbox, token));

        assertTrue(status.ips().get(0).startsWith("172.31.250."), status.ips().toString());
        assertFalse(status.interfaces().get(0).mac().isEmpty());
        HostComputeNamespace namespace = HcnResponses.namespace(
                api.query(HcnKind.NAMESPACE, HcnIds.namespaceFor(sandbox), HcnJson.write(Queries.all())));
        assertEquals(1, namespace.endpointIds().size());

        // a janusd that restarts without this sandbox in its store sweeps it away
        SweepResult swept = new HnsPodNetwork(api, confDir).sweepStale(Set.of());
        assertTrue(swept.endpoints().contains(HcnIds.endpointFor(sandbox)), swept.toString());
        assertTrue(swept.namespaces().contains(HcnIds.namespaceFor(sandbox)), swept.toString());

        network.detach(request(sandbox, token));
        network.removeNamespace(sandbox);
    }

    static PodNetworkRequest request(String sandbox, Path token) {
        PortMapping port = PortMapping.newBuilder().setContainerPort(80).setHostPort(18080).build();
        return new PodNetworkRequest(sandbox, token, "web", "default", "uid", List.of(port), null, "", Map.of());
    }

    static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
