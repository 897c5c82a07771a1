package dev.janus.networking.hns;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.NetworkReadiness;
import dev.janus.networking.PodNetwork;
import dev.janus.networking.PodNetworkRequest;
import dev.janus.networking.PodNetworkStatus;
import dev.janus.networking.hns.config.HnsConfigFile;
import dev.janus.networking.hns.hcn.HnsApi;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The pod network on Windows through HNS. Calls for one sandbox are serialized; calls for
 * different sandboxes run side by side (HNS serializes what it shares).
 *
 * <pre>
 *   readiness        the configured network exists (created if missing) and matches the config
 *   createNamespace  HCN namespace under a GUID derived from the sandbox id -> hcn-namespace/&lt;GUID&gt;
 *   attach           HCN endpoint (port maps, outbound NAT, DNS) added to that namespace
 *   detach           endpoint taken out of the namespace and deleted
 *   removeNamespace  leftover endpoints taken out, namespace deleted
 *   sweepStale       at start: Janus's endpoints and namespaces of unknown sandboxes removed
 * </pre>
 */
public final class HnsPodNetwork implements PodNetwork {

    /** The reason kubelet shows while NetworkReady is false, as containerd words it. */
    static final String NOT_READY = "NetworkPluginNotReady";

    private final HnsNetworks networks;
    private final PodNamespaces namespaces;
    private final PodEndpoints endpoints;
    private final StaleSweeper sweeper;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Sandboxes this janusd served since it started: a sweep never takes theirs, whatever it is told. */
    private final Set<String> touched = ConcurrentHashMap.newKeySet();

    public HnsPodNetwork(HnsApi api, Path confDir) {
        HcnClient hcn = new HcnClient(api);
        this.networks = new HnsNetworks(hcn, new HnsConfigFile(confDir));
        this.namespaces = new PodNamespaces(hcn);
        this.endpoints = new PodEndpoints(hcn);
        this.sweeper = new StaleSweeper(hcn, endpoints, namespaces);
    }

    @Override
    public NetworkReadiness readiness() {
        try {
            networks.ensure();
            return NetworkReadiness.isReady();
        } catch (CriException e) {
            return NetworkReadiness.notReady(NOT_READY, e.getMessage());
        }
    }

    /** Returns {@code hcn-namespace/<GUID>}, a token and not a file: see {@link NamespaceToken}. */
    @Override
    public Path createNamespace(String sandboxId) {
        return locked(sandboxId, () -> namespaces.create(sandboxId));
    }

    @Override
    public PodNetworkStatus attach(PodNetworkRequest request) {
        UUID namespaceId = NamespaceToken.parse(request.netnsPath());
        return locked(request.sandboxId(), () -> {
            if (!namespaces.exists(namespaceId, request.sandboxId())) {
                throw CriException.precondition("the HCN namespace %s of sandbox %s does not exist: create"
                        + " it before attaching", namespaceId, request.sandboxId());
            }
            return endpoints.attach(networks.ensure(), namespaceId, request);
        });
    }

    @Override
    public void detach(PodNetworkRequest request) {
        locked(request.sandboxId(), () -> {
            endpoints.detach(request);
            return null;
        });
    }

    @Override
    public void removeNamespace(String sandboxId) {
        locked(sandboxId, () -> {
            namespaces.remove(sandboxId);
            return null;
        });
        locks.remove(sandboxId);
        touched.remove(sandboxId);
    }

    /**
     * Removes the endpoints and namespaces a previous janusd left for sandboxes that no longer
     * exist. Call it once at start, after recovery, with the id of every sandbox the store still
     * holds (whatever its state: a stopped sandbox keeps its namespace until it is removed).
     */
    @Override
    public void sweepUnknownSandboxes(Set<String> knownSandboxIds) {
        sweepStale(knownSandboxIds);
    }

    public SweepResult sweepStale(Set<String> liveSandboxIds) {
        Set<String> live = new HashSet<>(liveSandboxIds);
        live.addAll(touched);
        return sweeper.sweep(live);
    }

    private <T> T locked(String sandboxId, Supplier<T> action) {
        HcnIds.requireValidSandboxId(sandboxId);
        touched.add(sandboxId);
        ReentrantLock lock = locks.computeIfAbsent(sandboxId, k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
