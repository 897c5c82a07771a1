package dev.janus.networking.hns.hcn;

import static dev.janus.networking.hns.TestFiles.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.errors.CriException;
import dev.janus.cri.errors.CriException.Kind;
import org.junit.jupiter.api.Test;

class HcnExceptionTest {

    @Test
    void criErrorNamesTheCallTheObjectTheCodeAndWhatHnsSaid() {
        HcnException e = new HcnException("HcnCreateEndpoint", HResults.HCN_E_PORT_ALREADY_EXISTS,
                response("error-port-exists.json"));

        CriException cri = e.toCriException("pod default/web on network janus-nat");

        assertEquals(Kind.ALREADY_EXISTS, cri.kind());
        assertEquals("HcnCreateEndpoint for pod default/web on network janus-nat failed: 0x803b0013"
                + " HCN_E_PORT_ALREADY_EXISTS: The port already exists.", cri.getMessage());
        assertSame(e, cri.getCause());
    }

    @Test
    void knownCodesBecomeSensibleKinds() {
        assertEquals(Kind.NOT_FOUND, HResults.kind(HResults.ERROR_NOT_FOUND));
        assertEquals(Kind.NOT_FOUND, HResults.kind(HResults.HCN_E_ENDPOINT_NOT_FOUND));
        assertEquals(Kind.NOT_FOUND, HResults.kind(HResults.HCN_E_NETWORK_NOT_FOUND));
        assertEquals(Kind.ALREADY_EXISTS, HResults.kind(0x803B0012));
        assertEquals(Kind.INVALID_ARGUMENT, HResults.kind(0x803B002F));
        assertEquals(Kind.FAILED_PRECONDITION, HResults.kind(0x803B0006));
        assertEquals(Kind.UNAVAILABLE, HResults.kind(0x803B0020));
        assertEquals(Kind.PERMISSION_DENIED, HResults.kind(0x80070005));
        assertEquals(Kind.INTERNAL, HResults.kind(HResults.HCN_E_INVALID_JSON));
        assertEquals(Kind.INTERNAL, HResults.kind(0x80071234));
        assertTrue(new HcnException("HcnOpenNamespace", HResults.ERROR_NOT_FOUND, "").isNotFound());
        assertFalse(new HcnException("HcnOpenNamespace", HResults.E_FAIL, "").isNotFound());
    }

    @Test
    void unknownCodesAndPlainTextStillSaySomething() {
        HcnException e = new HcnException("HcnDeleteNamespace", 0x80071234, "something odd ");

        assertEquals("HcnDeleteNamespace for namespace x failed: 0x80071234: something odd",
                e.toCriException("namespace x").getMessage());
        assertEquals("HcnDeleteNamespace failed: 0x80071234: something odd", e.getMessage());
        assertEquals("HcnQueryEndpointProperties", HcnKind.ENDPOINT.function("Query", "Properties"));
        assertEquals("HcnEnumerateNamespaces", HcnKind.NAMESPACE.enumerateFunction());
    }
}
