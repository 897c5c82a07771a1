package dev.janus.networking.cni;

import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Asks each plugin of a network (and loopback) with VERSION whether it speaks the network's
 * cniVersion, as libcni's ValidateNetworkList does. A binary that answered yes is not asked again
 * until it changes on disk; a missing one is looked for again at every call.
 */
final class PluginCompatibility {

    /** The loopback network Janus runs first for every pod, as containerd does. */
    static final NetworkConfigList LOOPBACK = new NetworkConfigList("cni-loopback", "0.3.1",
            true, List.of(Json.object().put("type", "loopback")), "built in");

    private final CniPluginRunner runner;
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

    PluginCompatibility(CniPluginRunner runner) {
        this.runner = runner;
    }

    /** Why the network cannot be used on this host, or empty when every plugin fits. */
    Optional<String> problem(NetworkConfigList network) {
        return Stream.of(network, LOOPBACK)
                .flatMap(n -> n.types().stream().distinct().map(t -> problem(n, t)))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private Optional<String> problem(NetworkConfigList network, String type) {
        Optional<Path> binary = runner.find(type);
        if (binary.isEmpty()) {
            return Optional.of(runner.missing(type, network.name()));
        }
        String key = identity(binary.get()) + "@" + network.cniVersion();
        if (verified.containsKey(key)) {
            return Optional.empty();
        }
        try {
            List<String> versions = runner.supportedVersions(type, network.name(),
                    network.cniVersion());
            if (!versions.contains(network.cniVersion())) {
                return Optional.of("CNI plugin \"" + type + "\" (" + binary.get()
                        + ") does not support cniVersion " + network.cniVersion() + " of network \""
                        + network.name() + "\"; it supports " + versions);
            }
        } catch (CriException e) {
            return Optional.of(e.getMessage());
        }
        verified.put(key, true);
        return Optional.empty();
    }

    private static String identity(Path binary) {
        try {
            return binary + ":" + Files.size(binary) + ":" + Files.getLastModifiedTime(binary);
        } catch (IOException e) {
            return binary.toString();
        }
    }
}
