package dev.janus.isolation.uvm;

import dev.janus.isolation.PodFiles;
import java.nio.file.Path;

/** Where the handler puts things in the guest (tmpfs under /run: they live as long as the VM). */
final class GuestPaths {

    /** The pod's hosts, resolv.conf and hostname, written at boot, bind-mounted into containers. */
    static final Path POD_FILES = Path.of("/run/janus-pod");
    /** Where the pod's 9P shares are mounted: {@code <VOLUMES>/<share name>}. */
    static final Path VOLUMES = Path.of("/run/janus-volumes");

    private GuestPaths() {
    }

    /** The guest's copies of the pod files the host has; null where the host has none. */
    static PodFiles podFiles(PodFiles host) {
        if (host == null) {
            return null;
        }
        return new PodFiles(host.hosts() == null ? null : POD_FILES.resolve("hosts"),
                host.resolvConf() == null ? null : POD_FILES.resolve("resolv.conf"),
                host.hostname() == null ? null : POD_FILES.resolve("hostname"));
    }

    /**
     * A container's cgroup in the guest (cgroupfs form): the host's pod cgroup means nothing
     * there. A leaf under a cgroup of the container's own, which outlives the runtime's leaf, so
     * the agent can still read the container's OOM kills after its process ended.
     */
    static String cgroupsPath(String containerId) {
        return "/janus/" + containerId + "/ctr";
    }
}
