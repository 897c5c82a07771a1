package dev.janus.images.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.images.ImageException;
import dev.janus.images.Platform;
import dev.janus.images.PlatformRequest;
import dev.janus.images.PlatformRequest.WindowsIsolation;
import dev.janus.images.manifest.Descriptor;
import dev.janus.images.manifest.Descriptor.PlatformJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformMatcherTest {

    private static final PlatformRequest LINUX_AMD64 = new PlatformRequest("linux", null, "amd64", "", 0);
    private static final PlatformRequest LINUX_ARM64 = new PlatformRequest("linux", null, "arm64", "v8", 0);

    private static Descriptor entry(int n, String os, String arch, String variant, String osVersion) {
        return new Descriptor("application/vnd.oci.image.manifest.v1+json", "sha256:" + String.valueOf(n).repeat(64).substring(0, 64),
                100, new PlatformJson(arch, os, osVersion, null, variant), null, null);
    }

    private final List<Descriptor> index = List.of(
            entry(1, "linux", "arm", "v7", null),
            entry(2, "linux", "arm64", "v8", null),
            entry(3, "linux", "amd64", null, null),
            entry(4, "windows", "amd64", null, "10.0.17763.5830"),
            entry(5, "windows", "amd64", null, "10.0.20348.2461"),
            entry(6, "windows", "amd64", null, "10.0.20348.1000"));

    @Test
    void linuxPodsGetTheirArchitecture() {
        assertEquals(index.get(2), PlatformMatcher.select(index, LINUX_AMD64));
        assertEquals(index.get(1), PlatformMatcher.select(index, LINUX_ARM64));
    }

    @Test
    void windowsProcessIsolationPicksTheHostBuildAndNewestRevision() {
        assertEquals(index.get(4), PlatformMatcher.select(index, PlatformRequest.windows(WindowsIsolation.PROCESS, "amd64", 20348)));
        assertEquals(index.get(3), PlatformMatcher.select(index, PlatformRequest.windows(WindowsIsolation.PROCESS, "amd64", 17763)));
        assertEquals(index.get(4), PlatformMatcher.select(index, PlatformRequest.windows(WindowsIsolation.PROCESS, "amd64", 26100)));
    }

    @Test
    void hyperVPrefersTheExactBuildThenTheNewestOlderOne() {
        assertEquals(index.get(3), PlatformMatcher.select(index, PlatformRequest.windows(WindowsIsolation.HYPERV, "amd64", 17763)));
        assertEquals(index.get(3), PlatformMatcher.select(index, PlatformRequest.windows(WindowsIsolation.HYPERV, "amd64", 19041)));
        assertEquals(index.get(4), PlatformMatcher.select(index, PlatformRequest.windows(WindowsIsolation.HYPERV, "amd64", 26100)));
    }

    @Test
    void noMatchIsNotFoundAndSaysWhatTheIndexOffers() {
        ImageException e = assertThrows(ImageException.class, () -> PlatformMatcher.select(index,
                PlatformRequest.windows(WindowsIsolation.PROCESS, "amd64", 19041)));
        assertEquals(ImageException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("windows/amd64 (10.0.17763.5830)"), e.getMessage());
    }

    @Test
    void variants() {
        assertTrue(PlatformMatcher.matches(new Platform("linux", "arm64", "", ""), LINUX_ARM64));
        assertTrue(PlatformMatcher.matches(new Platform("linux", "amd64", "v1", ""), LINUX_AMD64));
        assertFalse(PlatformMatcher.matches(new Platform("linux", "amd64", "v3", ""), LINUX_AMD64));
        PlatformRequest armV7 = new PlatformRequest("linux", null, "arm", "v7", 0);
        assertTrue(PlatformMatcher.matches(new Platform("linux", "arm", "v6", ""), armV7));
        assertFalse(PlatformMatcher.matches(new Platform("linux", "arm", "v8", ""), armV7));
        assertFalse(PlatformMatcher.matches(new Platform("windows", "amd64", "", "10.0.20348.1"), LINUX_AMD64));
    }
}
