package dev.janus.isolation.ocispec;

import dev.janus.cri.api.PodSandboxConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The io.kubernetes.cri.* annotations containerd writes into every spec, which tools reading
 * bundles (NRI plugins, runc hooks, crictl inspect) use to find a container's pod.
 */
final class CriAnnotations {

    private CriAnnotations() {
    }

    static Map<String, String> container(String sandboxId, String name, String image, PodSandboxConfig pod) {
        Map<String, String> a = common("container", sandboxId, pod);
        a.put("io.kubernetes.cri.container-name", name);
        a.put("io.kubernetes.cri.image-name", image);
        return a;
    }

    static Map<String, String> sandbox(String sandboxId, PodSandboxConfig pod) {
        Map<String, String> a = common("sandbox", sandboxId, pod);
        if (pod.hasLinux() && !pod.getLinux().getCgroupParent().isEmpty()) {
            a.put("io.kubernetes.cri.sandbox-cgroup-parent", pod.getLinux().getCgroupParent());
        }
        return a;
    }

    private static Map<String, String> common(String type, String sandboxId, PodSandboxConfig pod) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("io.kubernetes.cri.container-type", type);
        a.put("io.kubernetes.cri.sandbox-id", sandboxId);
        a.put("io.kubernetes.cri.sandbox-name", pod.getMetadata().getName());
        a.put("io.kubernetes.cri.sandbox-namespace", pod.getMetadata().getNamespace());
        a.put("io.kubernetes.cri.sandbox-uid", pod.getMetadata().getUid());
        return a;
    }
}
