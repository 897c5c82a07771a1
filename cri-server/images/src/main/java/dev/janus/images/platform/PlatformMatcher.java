package dev.janus.images.platform;

import dev.janus.images.ImageException;
import dev.janus.images.Platform;
import dev.janus.images.PlatformRequest;
import dev.janus.images.manifest.Descriptor;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the entry of an image index a pod can run, and checks a single-platform image's config.
 * Linux pods get {@code linux/<arch>} with a compatible variant; Windows pods get
 * {@code windows/<arch>} with an {@code os.version} that {@link WindowsBuildCompatibility} allows,
 * preferring the host's own build, then the newest.
 */
public final class PlatformMatcher {

    private PlatformMatcher() {
    }

    public static boolean matches(Platform image, PlatformRequest request) {
        if (!image.os().equals(request.os())
                || !HostPlatform.ociArchitecture(image.architecture()).equals(request.architecture())) {
            return false;
        }
        if (request.isWindows()) {
            return WindowsBuildCompatibility.canRun(request.hostWindowsBuild(), image.osVersion(), request.isolation());
        }
        return variantRuns(request.architecture(), image.variant(), request.variant());
    }

    /** The best entry for {@code request}; NOT_FOUND naming what the index offers if none fits. */
    public static Descriptor select(List<Descriptor> entries, PlatformRequest request) {
        Optional<Descriptor> best = entries.stream()
                .filter(d -> d.platform() != null && matches(d.platform().toPlatform(), request))
                .min(preference(request));
        return best.orElseThrow(() -> ImageException.notFound("no image for " + request + " in the index; it offers "
                + entries.stream().map(d -> d.platform() == null ? "(no platform)" : d.platform().toPlatform().toString())
                        .collect(Collectors.joining(", "))));
    }

    /** Lower sorts first. Stream.min keeps index order among equals, which is what registries intend. */
    private static Comparator<Descriptor> preference(PlatformRequest request) {
        if (request.isWindows()) {
            Comparator<Descriptor> exactBuildFirst = Comparator.comparing(d -> build(d) != request.hostWindowsBuild());
            return exactBuildFirst
                    .thenComparing(Comparator.comparingInt(PlatformMatcher::build).reversed())
                    .thenComparing(Comparator.comparingInt(PlatformMatcher::revision).reversed());
        }
        return Comparator.comparing(d -> !d.platform().toPlatform().variant().equals(request.variant()));
    }

    private static int build(Descriptor d) {
        return WindowsVersion.parse(d.platform().osVersion()).map(WindowsVersion::build).orElse(0);
    }

    private static int revision(Descriptor d) {
        return WindowsVersion.parse(d.platform().osVersion()).map(WindowsVersion::revision).orElse(0);
    }

    /** Older variants run on newer CPUs of the same family (arm v6 on v7); amd64 takes the baseline only. */
    private static boolean variantRuns(String arch, String imageVariant, String hostVariant) {
        if (imageVariant.isEmpty() || imageVariant.equals(hostVariant)) {
            return true;
        }
        return switch (arch) {
            case "amd64" -> imageVariant.equals("v1");
            case "arm64" -> imageVariant.equals("v8") || hostVariant.isEmpty();
            case "arm" -> variantNumber(imageVariant) <= variantNumber(hostVariant.isEmpty() ? "v7" : hostVariant);
            default -> false;
        };
    }

    private static int variantNumber(String variant) {
        try {
            return Integer.parseInt(variant.substring(1));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }
}
