package dev.janus.networking;

import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.PortMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the network needs to know of a pod.
 *
 * @param sandboxId the sandbox id (CNI's container id)
 * @param netnsPath the namespace {@link PodNetwork#createNamespace} made
 * @param annotations the pod's annotations (some plugins read bandwidth limits from them)
 */
public record PodNetworkRequest(String sandboxId, Path netnsPath, String podName,
        String podNamespace, String podUid, List<PortMapping> portMappings, DNSConfig dns,
        String cgroupParent, Map<String, String> annotations) {

    public PodNetworkRequest {
        portMappings = portMappings == null ? List.of() : List.copyOf(portMappings);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
