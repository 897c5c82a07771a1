package dev.janus.networking.cni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.cri.errors.CriException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BandwidthAnnotationsTest {

    private static long bits(String quantity) {
        return BandwidthAnnotations.bitsPerSecond(BandwidthAnnotations.INGRESS, quantity, "abc");
    }

    @Test
    void quantitiesAreBitsPerSecond() {
        assertEquals(10_000_000L, bits("10M"));
        assertEquals(1_048_576L, bits("1Mi"));
        assertEquals(1_500L, bits("1.5k"));
        assertEquals(2_000_000L, bits("2e6"));
        assertEquals(1_000_000_000L, bits("1G"));
        assertEquals(5_000L, bits("5000"));
    }

    @Test
    void unreasonableOrMalformedValuesAreInvalid() {
        assertThrows(CriException.class, () -> bits("999"));
        assertThrows(CriException.class, () -> bits("2P"));
        assertThrows(CriException.class, () -> bits("ten megabits"));
        assertThrows(CriException.class, () -> bits("-5M"));
    }

    @Test
    void noAnnotationNoLimit() {
        assertNull(BandwidthAnnotations.of(Map.of("team", "x"), "abc"));
        assertEquals(1, BandwidthAnnotations.of(
                Map.of(BandwidthAnnotations.EGRESS, "1M"), "abc").path("egressRate").asLong()
                / 1_000_000L);
    }
}
