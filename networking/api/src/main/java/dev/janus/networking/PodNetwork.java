package dev.janus.networking;

import java.nio.file.Path;

/**
 * A pod's network: its namespace and its attachment to the node's pod network. cri-server calls
 * this seam and never knows whether CNI plugins or HNS do the work.
 *
 * <pre>
 *   RunPodSandbox:    createNamespace -> attach
 *   StopPodSandbox:   detach
 *   RemovePodSandbox: removeNamespace
 * </pre>
 *
 * Every step is idempotent and safe to repeat after a crash: detach of a half-made attach frees
 * whatever it had taken; removing a namespace that is gone succeeds.
 */
public interface PodNetwork {

    /** Whether pods can be attached now; kubelet reports NetworkReady from this. */
    NetworkReadiness readiness();

    /** Creates and pins the pod's network namespace; returns its path. */
    Path createNamespace(String sandboxId);

    /** Connects the namespace to the pod network; returns the pod's addresses. */
    PodNetworkStatus attach(PodNetworkRequest request);

    /** Disconnects the pod and frees its addresses and port mappings. */
    void detach(PodNetworkRequest request);

    /** Unpins and deletes the namespace. */
    void removeNamespace(String sandboxId);

    /**
     * Called once at start with every sandbox the store knows: frees what a crash left behind
     * for sandboxes that no longer exist. Implementations without such leftovers do nothing.
     */
    default void sweepUnknownSandboxes(java.util.Set<String> knownSandboxIds) {
    }
}
