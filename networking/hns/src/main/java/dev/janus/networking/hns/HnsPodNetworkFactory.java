package dev.janus.networking.hns;

import dev.janus.networking.PodNetwork;
import dev.janus.networking.PodNetworkFactory;
import dev.janus.networking.hns.win32.NativeHnsApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The Windows pod network, found by cri-server through {@link java.util.ServiceLoader}. The
 * network's config is {@code <confDir>/hns-network.json} (see
 * {@link dev.janus.networking.hns.config.HnsConfigFile}); plugin dirs and the state dir are not
 * used: HNS keeps the state, and the ids Janus derives find it again.
 */
public final class HnsPodNetworkFactory implements PodNetworkFactory {

    @Override
    public boolean supportsHost() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    @Override
    public PodNetwork create(Path confDir, List<Path> binDirs, Path stateDir) {
        return new HnsPodNetwork(new NativeHnsApi(), confDir);
    }
}
