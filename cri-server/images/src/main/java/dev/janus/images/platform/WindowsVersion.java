package dev.janus.images.platform;

import java.util.Optional;

/** A Windows {@code os.version}: {@code major.minor.build[.revision]}, e.g. {@code 10.0.20348.2700}. */
public record WindowsVersion(int major, int minor, int build, int revision) {

    public static Optional<WindowsVersion> parse(String osVersion) {
        if (osVersion == null || osVersion.isBlank()) {
            return Optional.empty();
        }
        String[] parts = osVersion.trim().split("\\.");
        if (parts.length < 3 || parts.length > 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WindowsVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]), parts.length == 4 ? Integer.parseInt(parts[3]) : 0));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
