package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.PodNetworkRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CniArgsTest {

    @Test
    void carriesThePodIdentityAsKubeletEraRuntimesDo() {
        String args = CniArgs.of(TestRequests.everything()).encode();
        assertEquals("IgnoreUnknown=1;K8S_POD_NAMESPACE=shop;K8S_POD_NAME=web-0;"
                + "K8S_POD_INFRA_CONTAINER_ID=4f2a9c;K8S_POD_UID=7d1e-uid", args);
    }

    @Test
    void missingFieldsBecomeEmptyValues() {
        PodNetworkRequest bare = new PodNetworkRequest("abc", Path.of("/x"), null, null, null,
                List.of(), null, null, Map.of());
        assertEquals("IgnoreUnknown=1;K8S_POD_NAMESPACE=;K8S_POD_NAME=;"
                + "K8S_POD_INFRA_CONTAINER_ID=abc;K8S_POD_UID=", CniArgs.of(bare).encode());
    }

    @Test
    void separatorsInValuesAreRefused() {
        CniArgs sneaky = new CniArgs("shop;IgnoreUnknown=0", "web", "abc", "uid");
        CriException e = assertThrows(CriException.class, sneaky::encode);
        assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("K8S_POD_NAMESPACE"), e.getMessage());
    }
}
