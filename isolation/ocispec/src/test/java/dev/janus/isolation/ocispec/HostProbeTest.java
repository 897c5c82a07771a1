package dev.janus.isolation.ocispec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.ocispec.model.OciLinux.Device;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing what the host says about itself, and reading a real device node. */
class HostProbeTest {

    @Test
    void hardLimitsFromProcSelfLimits() {
        Map<String, Long> limits = HostProbe.hardLimits(List.of(
                "Limit                     Soft Limit           Hard Limit           Units",
                "Max core file size        unlimited            unlimited            bytes",
                "Max open files            1024                 20000                files",
                "Max processes             96365                96365                processes"));
        assertEquals(Map.of("RLIMIT_CORE", -1L, "RLIMIT_NOFILE", 20000L, "RLIMIT_NPROC", 96365L), limits);
    }

    @Test
    void capabilitiesFromCapEff() {
        // everything up to CAP_CHECKPOINT_RESTORE but CAP_SYS_RESOURCE (bit 24)
        Set<String> caps = HostProbe.capabilities(List.of("CapInh:\t0000000000000000", "CapEff:\t000001fffeffffff"));
        assertEquals(Capabilities.KNOWN.size() - 1, caps.size());
        assertFalse(caps.contains("CAP_SYS_RESOURCE"));
        assertTrue(caps.contains("CAP_CHECKPOINT_RESTORE"));
    }

    @Test
    void deviceNumbersDecodeLikeGlibc() {
        assertEquals(1, DevDirectory.major(0x103));
        assertEquals(3, DevDirectory.minor(0x103));
        long big = (0x123L << 8) | 0x45 | (0xabcdeL << 12 << 8) | (0x1000L << 32);
        assertEquals(0x1123L, DevDirectory.major(big));
        assertEquals(0xabcde45L & 0xffffffffL, DevDirectory.minor(big));
    }

    @Test
    void devNullOnThisHost() {
        List<Device> found = DevDirectory.host().at("/dev/null");
        assertEquals(List.of(new Device("/dev/null", "c", 1, 3, 0666, 0L, 0L)), found);
        assertTrue(DevDirectory.host().at("/etc/hostname").isEmpty());
    }
}
