package dev.janus.cri;

import dev.janus.cri.config.NetworkConfig;
import dev.janus.cri.errors.CriException;
import dev.janus.networking.NetworkReadiness;
import dev.janus.networking.PodNetwork;
import dev.janus.networking.PodNetworkFactory;
import dev.janus.networking.PodNetworkRequest;
import dev.janus.networking.PodNetworkStatus;
import java.nio.file.Path;
import java.util.ServiceLoader;

/** Picks the pod network implementation for this host among those on the class path. */
final class PodNetworks {

    private PodNetworks() {
    }

    static PodNetwork forHost(NetworkConfig config, Path stateDir) {
        for (PodNetworkFactory factory : ServiceLoader.load(PodNetworkFactory.class)) {
            if (factory.supportsHost()) {
                return factory.create(config.cniConfDir(), config.cniBinDirs(), stateDir.resolve("network"));
            }
        }
        return new Missing();
    }

    /** No implementation for this OS: only hostNetwork pods can run, and Status says why. */
    private static final class Missing implements PodNetwork {

        private static final String WHY = "this janusd has no pod network implementation for "
                + System.getProperty("os.name");

        @Override
        public NetworkReadiness readiness() {
            return NetworkReadiness.notReady("NetworkPluginNotReady", WHY);
        }

        @Override
        public Path createNamespace(String sandboxId) {
            throw CriException.precondition(WHY);
        }

        @Override
        public PodNetworkStatus attach(PodNetworkRequest request) {
            throw CriException.precondition(WHY);
        }

        @Override
        public void detach(PodNetworkRequest request) {
        }

        @Override
        public void removeNamespace(String sandboxId) {
        }
    }
}
