package dev.janus.networking.hns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.errors.CriException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HcnIdsTest {

    static final String SANDBOX = "4f1c0b7e9d2a4c3b8e6f5a4d3c2b1a0f4f1c0b7e9d2a4c3b8e6f5a4d3c2b1a0f";

    @Test
    void idsAreDerivedFromTheSandboxAndCarryTheMarker() {
        UUID namespace = HcnIds.namespaceFor(SANDBOX);
        UUID endpoint = HcnIds.endpointFor(SANDBOX);

        assertEquals(namespace, HcnIds.namespaceFor(SANDBOX));
        assertNotEquals(namespace, endpoint);
        assertNotEquals(namespace, HcnIds.namespaceFor(SANDBOX + "0"));
        assertTrue(namespace.toString().startsWith("6a616e75-0001-8"), namespace.toString());
        assertTrue(endpoint.toString().startsWith("6a616e75-0002-8"), endpoint.toString());
        assertEquals(8, namespace.version());
        assertEquals(2, namespace.variant());
    }

    @Test
    void markerTellsKindAndOwner() {
        assertTrue(HcnIds.isJanusNamespace(HcnIds.namespaceFor(SANDBOX)));
        assertFalse(HcnIds.isJanusEndpoint(HcnIds.namespaceFor(SANDBOX)));
        assertTrue(HcnIds.isJanusEndpoint(HcnIds.endpointFor(SANDBOX)));
        assertFalse(HcnIds.isJanusNamespace(UUID.randomUUID()));
        assertFalse(HcnIds.isJanusEndpoint(UUID.fromString("6a616e75-0002-4abc-9def-0123456789ab")));
    }

    @Test
    void sandboxIdsThatCannotNameAnEndpointAreRefused() {
        for (String bad : new String[] {"", "a b", "../x", "x".repeat(129), null}) {
            CriException e = assertThrows(CriException.class, () -> HcnIds.endpointFor(bad));
            assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind());
        }
        assertEquals("janus-" + SANDBOX, HcnIds.endpointName(SANDBOX));
    }
}
