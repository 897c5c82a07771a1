package dev.janus.images.platform;

import dev.janus.images.PlatformRequest.WindowsIsolation;
import java.util.Optional;

/**
 * Whether a Windows image of a given {@code os.version} runs on a host of a given build: the
 * whole rule in one pure function, following hcsshim's {@code osversion} package.
 *
 * <ul>
 *   <li>Major and minor must match (10.0 for every supported Windows).</li>
 *   <li>Process isolation shares the host kernel. Before Windows Server 2022 (build 20348) the
 *       image build must equal the host build. From 20348 on, an image runs if its build lies
 *       between the newest LTSC build strictly below the host's (20348 if there is none) and
 *       the host build: a WS2022 image runs on Windows 11 and WS2025, a WS2022 host runs 20348 only.</li>
 *   <li>Hyper-V isolation boots the image's own utility VM, so any build up to the host's runs;
 *       never a newer one.</li>
 * </ul>
 */
public final class WindowsBuildCompatibility {

    /** Windows Server 2022: the first build with down-level process-isolation compatibility. */
    public static final int WS2022 = 20348;

    /** LTSC builds from WS2022 on, ascending (WS2022, WS2025). */
    private static final int[] LTSC_BUILDS = {20348, 26100};

    private WindowsBuildCompatibility() {
    }

    public static boolean canRun(int hostBuild, String imageOsVersion, WindowsIsolation isolation) {
        Optional<WindowsVersion> parsed = WindowsVersion.parse(imageOsVersion);
        if (parsed.isEmpty() || hostBuild <= 0) {
            return false;
        }
        WindowsVersion image = parsed.get();
        if (image.major() != 10 || image.minor() != 0) {
            return false;
        }
        return switch (isolation) {
            case HYPERV -> image.build() <= hostBuild;
            case PROCESS -> processIsolationRange(hostBuild, image.build());
        };
    }

    private static boolean processIsolationRange(int hostBuild, int imageBuild) {
        if (hostBuild < WS2022) {
            return imageBuild == hostBuild;
        }
        int floor = WS2022;
        for (int ltsc : LTSC_BUILDS) {
            if (ltsc < hostBuild) {
                floor = ltsc;
            }
        }
        return imageBuild >= floor && imageBuild <= hostBuild;
    }
}
