package dev.janus.networking.cni;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.PodNetworkRequest;

/**
 * CNI_ARGS as kubelet-era runtimes pass them: the pod's identity as {@code K8S_*} pairs, with
 * {@code IgnoreUnknown=1} so plugins that know none of them still accept the list.
 */
record CniArgs(String podNamespace, String podName, String infraContainerId, String podUid) {

    static CniArgs of(PodNetworkRequest request) {
        return new CniArgs(orEmpty(request.podNamespace()), orEmpty(request.podName()),
                request.sandboxId(), orEmpty(request.podUid()));
    }

    /** The {@code KEY=VALUE;...} form; the format has no escaping, so ';' and '=' are refused. */
    String encode() {
        return "IgnoreUnknown=1"
                + pair("K8S_POD_NAMESPACE", podNamespace)
                + pair("K8S_POD_NAME", podName)
                + pair("K8S_POD_INFRA_CONTAINER_ID", infraContainerId)
                + pair("K8S_POD_UID", podUid);
    }

    private String pair(String key, String value) {
        if (value.indexOf(';') >= 0 || value.indexOf('=') >= 0) {
            throw CriException.invalid("%s of sandbox %s cannot be passed in CNI_ARGS: \"%s\""
                    + " contains ';' or '='", key, infraContainerId, value);
        }
        return ";" + key + "=" + value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
