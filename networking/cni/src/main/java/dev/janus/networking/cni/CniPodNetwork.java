package dev.janus.networking.cni;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.NetworkReadiness;
import dev.janus.networking.PodNetwork;
import dev.janus.networking.PodNetworkRequest;
import dev.janus.networking.PodNetworkStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The pod network on Linux through CNI plugins. Calls for one sandbox are serialized; calls for
 * different sandboxes run side by side (plugins lock what they share, e.g. host-local's store).
 * The network config is looked up on each call, so a config dropped into the conf dir later is
 * used without restarting janusd.
 */
public final class CniPodNetwork implements PodNetwork {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CniPodNetwork.class);

    /** The reason kubelet shows while NetworkReady is false, as containerd words it. */
    static final String NOT_READY = "NetworkPluginNotReady";

    private final NetworkConfigs configs;
    private final PluginCompatibility compatibility;
    private final Attachments attachments;
    private final NetnsPins pins;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public CniPodNetwork(CniSettings settings) {
        CniPluginRunner runner = new CniPluginRunner(settings.binDirs(),
                settings.cniPath(), settings.pluginTimeout());
        this.configs = new NetworkConfigs(settings.confDir());
        this.compatibility = new PluginCompatibility(runner);
        this.attachments = new Attachments(new NetworkChain(runner),
                new ResultCache(settings.cacheDir()));
        this.pins = new NetnsPins(settings.netnsDir(), settings.pluginTimeout());
    }

    @Override
    public NetworkReadiness readiness() {
        try {
            usableNetwork();
            return new NetworkReadiness(true, "", "");
        } catch (CriException e) {
            return NetworkReadiness.notReady(NOT_READY, e.getMessage());
        }
    }

    @Override
    public Path createNamespace(String sandboxId) {
        NetnsPins.requireValidId(sandboxId);
        return locked(sandboxId, () -> pins.create(sandboxId));
    }

    @Override
    public PodNetworkStatus attach(PodNetworkRequest request) {
        String id = NetnsPins.requireValidId(request.sandboxId());
        if (request.netnsPath() == null || !Files.exists(request.netnsPath())) {
            throw CriException.precondition("the network namespace %s of sandbox %s does not"
                    + " exist: create it before attaching", request.netnsPath(), id);
        }
        return locked(id, () -> attachments.attach(usableNetwork(), request));
    }

    @Override
    public void detach(PodNetworkRequest request) {
        String id = NetnsPins.requireValidId(request.sandboxId());
        locked(id, () -> {
            attachments.detach(currentNetwork(), request);
            return null;
        });
    }

    @Override
    public void removeNamespace(String sandboxId) {
        NetnsPins.requireValidId(sandboxId);
        locked(sandboxId, () -> {
            attachments.detachCached(sandboxId);
            pins.remove(sandboxId);
            attachments.forget(sandboxId);
            return null;
        });
        locks.remove(sandboxId);
    }

    /**
     * At start: a sandbox janusd has no record of (it died between making the namespace or
     * starting an ADD and recording either) still has its pin, cached attachments and IP
     * leases here. Each is torn down as RemovePodSandbox would.
     */
    @Override
    public void sweepUnknownSandboxes(java.util.Set<String> knownSandboxIds) {
        java.util.Set<String> held = new java.util.TreeSet<>(pins.ids());
        held.addAll(attachments.cachedSandboxIds());
        held.removeAll(knownSandboxIds);
        for (String id : held) {
            try {
                LOG.info("removing the network of sandbox {}: janusd has no record of it", id);
                removeNamespace(id);
            } catch (CriException e) {
                LOG.warn("cannot remove the network of unknown sandbox {}: {}", id, e.getMessage());
            }
        }
    }

    /** The configured network if its plugins are all here and speak its version; else why not. */
    private NetworkConfigList usableNetwork() {
        return switch (configs.current()) {
            case NetworkConfigs.Selection.Missing missing ->
                    throw CriException.precondition("%s", missing.message());
            case NetworkConfigs.Selection.Found found -> {
                Optional<String> problem = compatibility.problem(found.network());
                if (problem.isPresent()) {
                    throw CriException.precondition("%s", problem.get());
                }
                yield found.network();
            }
        };
    }

    /** For DEL without a cache entry only: whatever parses, even if a plugin went missing. */
    private Optional<NetworkConfigList> currentNetwork() {
        return configs.current() instanceof NetworkConfigs.Selection.Found found
                ? Optional.of(found.network()) : Optional.empty();
    }

    private <T> T locked(String sandboxId, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(sandboxId, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
