package dev.janus.networking;

import java.nio.file.Path;
import java.util.List;

/**
 * An implementation of the pod network for a platform, found with {@link java.util.ServiceLoader};
 * cri-server takes the first one that supports the host.
 */
public interface PodNetworkFactory {

    /** Whether this implementation is the one for this host's OS. */
    boolean supportsHost();

    /**
     * @param confDir where the network's configuration lives (CNI's net.d)
     * @param binDirs where plugin binaries are looked up, in order
     * @param stateDir runtime files of this janusd (pinned namespaces, cached results)
     */
    PodNetwork create(Path confDir, List<Path> binDirs, Path stateDir);
}
