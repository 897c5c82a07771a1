package dev.janus.networking.cni;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the CNI network comes from and where Janus keeps its part of it.
 *
 * @param confDir the conf dir (net.d): the lexically first *.conflist, *.conf or *.json wins
 * @param binDirs plugin binary dirs, searched in order; also CNI_PATH for the plugins themselves
 * @param stateDir pinned namespaces ({@code netns/}) and cached results ({@code cni/results/});
 *     keep it on persistent storage so a DEL after a reboot still finds the cached config
 * @param pluginTimeout how long one plugin run may take before it is killed
 */
public record CniSettings(Path confDir, List<Path> binDirs, Path stateDir, Duration pluginTimeout) {

    /** The directories libcni and containerd use when nothing else is configured. */
    public static final Path DEFAULT_CONF_DIR = Path.of("/etc/cni/net.d");
    public static final List<Path> DEFAULT_BIN_DIRS =
            List.of(Path.of("/opt/cni/bin"), Path.of("/usr/lib/cni"));
    public static final Duration DEFAULT_PLUGIN_TIMEOUT = Duration.ofSeconds(60);

    public CniSettings {
        confDir = confDir == null ? DEFAULT_CONF_DIR : confDir;
        binDirs = binDirs == null || binDirs.isEmpty() ? DEFAULT_BIN_DIRS : List.copyOf(binDirs);
        if (stateDir == null) {
            throw new IllegalArgumentException("the CNI pod network needs a state dir");
        }
        pluginTimeout = pluginTimeout == null ? DEFAULT_PLUGIN_TIMEOUT : pluginTimeout;
    }

    public CniSettings(Path confDir, List<Path> binDirs, Path stateDir) {
        this(confDir, binDirs, stateDir, DEFAULT_PLUGIN_TIMEOUT);
    }

    Path netnsDir() {
        return stateDir.resolve("netns");
    }

    Path cacheDir() {
        return stateDir.resolve("cni").resolve("results");
    }

    /** CNI_PATH: plugins such as bridge find their IPAM plugin through it. */
    String cniPath() {
        return binDirs.stream().map(Path::toString).collect(Collectors.joining(":"));
    }
}
