package dev.janus.isolation.oci;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Options of an {@code oci} handler in the config's runtime table.
 *
 * @param runtime {@code runc} or {@code crun}
 * @param runtimePath the binary; found on the usual paths when empty
 * @param conmon the monitor binary
 * @param pause the static pause binary every sandbox runs (Debian's catatonit)
 */
record OciOptions(String runtime, Path runtimePath, Path conmon, Path pause) {

    private static final List<Path> BIN_DIRS = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"),
            Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));

    static OciOptions from(Map<String, Object> options) {
        String runtime = String.valueOf(options.getOrDefault("runtime", "runc"));
        return new OciOptions(runtime,
                path(options, "runtimePath", runtime),
                path(options, "conmon", "conmon"),
                path(options, "pause", "catatonit"));
    }

    private static Path path(Map<String, Object> options, String key, String binary) {
        Object given = options.get(key);
        if (given != null && !given.toString().isEmpty()) {
            return Path.of(given.toString());
        }
        for (Path dir : BIN_DIRS) {
            Path candidate = dir.resolve(binary);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return Path.of("/usr/bin").resolve(binary);
    }
}
