package dev.janus.networking.cni;

import dev.janus.networking.PodNetwork;
import dev.janus.networking.PodNetworkFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The Linux pod network, found by cri-server through {@link java.util.ServiceLoader}. */
public final class CniPodNetworkFactory implements PodNetworkFactory {

    @Override
    public boolean supportsHost() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** Nulls or an empty list stand for the defaults of {@link CniSettings}. */
    @Override
    public PodNetwork create(Path confDir, List<Path> binDirs, Path stateDir) {
        return new CniPodNetwork(new CniSettings(confDir, binDirs, stateDir));
    }
}
