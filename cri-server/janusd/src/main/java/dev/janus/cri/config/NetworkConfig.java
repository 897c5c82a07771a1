package dev.janus.cri.config;

import java.nio.file.Path;
import java.util.List;

/** Where the pod network's configuration and plugins are (CNI on Linux). */
public record NetworkConfig(Path cniConfDir, List<Path> cniBinDirs) {

    public NetworkConfig {
        cniConfDir = cniConfDir == null ? Path.of("/etc/cni/net.d") : cniConfDir;
        cniBinDirs = cniBinDirs == null || cniBinDirs.isEmpty()
                ? List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin")) : List.copyOf(cniBinDirs);
    }

    public static NetworkConfig defaults() {
        return new NetworkConfig(null, null);
    }
}
