package dev.janus.isolation;

import java.nio.file.Path;

/**
 * What every backend needs to know of the janusd it runs in.
 *
 * @param rootDir persistent data of this janusd ({@code --root})
 * @param stateDir runtime files that vanish at reboot ({@code --state})
 * @param cgroupDriver {@code cgroupfs} (the only driver while systemd is not PID 1)
 */
public record HostContext(Path rootDir, Path stateDir, String cgroupDriver) {
}
