package dev.janus.isolation.ocispec;

/**
 * The namespaces a pod's containers join, each a path (the pause process's
 * {@code /proc/<pid>/ns/<type>}, or a pinned netns such as {@code /var/run/netns/cni-...}), or
 * null where the pod uses the host's own (hostNetwork, hostIPC, hostPID).
 */
public record PodNamespaces(String network, String ipc, String uts, String pid) {

    /** All four from the process that holds them. */
    public static PodNamespaces ofProcess(long pid) {
        String base = "/proc/" + pid + "/ns/";
        return new PodNamespaces(base + "net", base + "ipc", base + "uts", base + "pid");
    }

    /** A pod that shares every namespace with the host. */
    public static PodNamespaces host() {
        return new PodNamespaces(null, null, null, null);
    }
}
