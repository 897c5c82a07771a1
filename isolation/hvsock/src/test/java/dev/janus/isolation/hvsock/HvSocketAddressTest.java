package dev.janus.isolation.hvsock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SOCKADDR_HV as Windows reads it: family, reserved, then two GUIDs in their mixed byte order. */
class HvSocketAddressTest {

    @Test
    void familyReservedAndTwoMixedEndianGuids() {
        byte[] address = HvSocketAddress.encode(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"),
                UUID.fromString("40000000-facb-11e6-bd58-64006a7986d3"));
        assertEquals(36, address.length);
        assertEquals("22000000" + "33221100" + "5544" + "7766" + "8899aabbccddeeff"
                + "00000040" + "cbfa" + "e611" + "bd5864006a7986d3", HexFormat.of().formatHex(address));
    }
}
