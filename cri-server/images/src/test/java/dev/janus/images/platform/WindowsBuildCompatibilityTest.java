package dev.janus.images.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.janus.images.PlatformRequest.WindowsIsolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowsBuildCompatibilityTest {

    @ParameterizedTest(name = "host {0}, image {1}, {2}: {3}")
    @CsvSource({
            // before WS2022 process isolation needs the very same build
            "17763, 10.0.17763.5830, PROCESS, true",
            "17763, 10.0.17763.1, PROCESS, true",
            "17763, 10.0.14393.1, PROCESS, false",
            "19041, 10.0.17763.1, PROCESS, false",
            // a WS2022 host runs 20348 only
            "20348, 10.0.20348.2461, PROCESS, true",
            "20348, 10.0.17763.5830, PROCESS, false",
            // Windows 11 (22621) and WS2025 (26100) run WS2022 images
            "22621, 10.0.20348.1, PROCESS, true",
            "26100, 10.0.20348.1, PROCESS, true",
            "26100, 10.0.26100.1, PROCESS, true",
            "26100, 10.0.17763.1, PROCESS, false",
            // a newer image never runs on an older host
            "20348, 10.0.26100.1, PROCESS, false",
            // after WS2025 the floor moves to 26100
            "26200, 10.0.26100.1, PROCESS, true",
            "26200, 10.0.20348.1, PROCESS, false",
            // Hyper-V isolation runs anything up to the host build
            "20348, 10.0.17763.1, HYPERV, true",
            "17763, 10.0.17763.1, HYPERV, true",
            "17763, 10.0.20348.1, HYPERV, false",
            "26100, 10.0.14393.1, HYPERV, true",
            // malformed or foreign versions never match
            "20348, '', PROCESS, false",
            "20348, 6.3.9600.1, HYPERV, false",
            "20348, garbage, HYPERV, false",
            "0, 10.0.20348.1, HYPERV, false",
    })
    void decidesLikeHcsshim(int host, String image, WindowsIsolation isolation, boolean runs) {
        assertEquals(runs, WindowsBuildCompatibility.canRun(host, image, isolation));
    }
}
