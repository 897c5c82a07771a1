package dev.janus.isolation;

import dev.janus.networking.PodNetworkStatus;

/**
 * The pod network's attach of a sandbox, running while the handler starts the sandbox: CNI's
 * work and the start of the pod's holder take about as long as each other and need nothing from
 * each other but the network namespace. A handler that needs the pod's interface (a VM takes it
 * over) waits for it; a process sandbox never does.
 */
@FunctionalInterface
public interface PodNetworkAttach {

    /** Waits for the attach to finish; throws what the attach threw. */
    PodNetworkStatus await();
}
