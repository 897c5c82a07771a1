package dev.janus.isolation.ocispec;

import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.NamespaceOption;
import dev.janus.cri.errors.CriException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod's sysctls, set once by the pause process in the namespaces it creates. Only namespaced
 * sysctls are allowed, and only for a namespace the pod owns: writing net.* of a hostNetwork pod
 * would change the node.
 */
final class Sysctls {

    private Sysctls() {
    }

    static Map<String, String> forSandbox(Map<String, String> sysctls, NamespaceOption ns) {
        Map<String, String> out = new TreeMap<>();
        sysctls.forEach((rawKey, value) -> {
            // Kubernetes also accepts the slash form, net/ipv4/ip_forward.
            String key = rawKey.replace('/', '.');
            String owner = owner(key);
            if (owner == null) {
                throw CriException.invalid("sysctl %s is not namespaced: it would change the whole node", rawKey);
            }
            boolean hostOwned = switch (owner) {
                case "network", "uts" -> ns.getNetwork() == NamespaceMode.NODE;
                case "ipc" -> ns.getIpc() == NamespaceMode.NODE;
                default -> false;
            };
            if (hostOwned) {
                throw CriException.invalid("sysctl %s belongs to the %s namespace, which this pod shares "
                        + "with the host", rawKey, owner);
            }
            out.put(key, value);
        });
        return out;
    }

    /** The namespace a sysctl lives in, or null when it is node-wide. */
    static String owner(String key) {
        if (key.startsWith("net.")) {
            return "network";
        }
        if (key.equals("kernel.hostname") || key.equals("kernel.domainname")) {
            return "uts";
        }
        if (key.startsWith("kernel.shm") || key.startsWith("kernel.msg") || key.equals("kernel.sem")
                || key.startsWith("fs.mqueue.")) {
            return "ipc";
        }
        return null;
    }
}
