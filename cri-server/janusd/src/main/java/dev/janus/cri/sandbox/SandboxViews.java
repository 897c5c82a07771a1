package dev.janus.cri.sandbox;

import dev.janus.cri.api.LinuxPodSandboxStatus;
import dev.janus.cri.api.Namespace;
import dev.janus.cri.api.PodIP;
import dev.janus.cri.api.PodSandbox;
import dev.janus.cri.api.PodSandboxNetworkStatus;
import dev.janus.cri.api.PodSandboxState;
import dev.janus.cri.api.PodSandboxStatus;
import dev.janus.cri.state.SandboxRecord;

/** How a stored sandbox looks to CRI clients. */
public final class SandboxViews {

    private SandboxViews() {
    }

    public static PodSandboxState state(SandboxRecord sandbox) {
        return sandbox.getPhase() == SandboxRecord.Phase.READY
                ? PodSandboxState.SANDBOX_READY : PodSandboxState.SANDBOX_NOTREADY;
    }

    public static PodSandbox listItem(SandboxRecord sandbox) {
        return PodSandbox.newBuilder()
                .setId(sandbox.getId())
                .setMetadata(sandbox.getConfig().getMetadata())
                .setState(state(sandbox))
                .setCreatedAt(sandbox.getCreatedAtNanos())
                .putAllLabels(sandbox.getConfig().getLabelsMap())
                .putAllAnnotations(sandbox.getConfig().getAnnotationsMap())
                .setRuntimeHandler(sandbox.getRequestedHandler())
                .build();
    }

    public static PodSandboxStatus status(SandboxRecord sandbox) {
        PodSandboxNetworkStatus.Builder network = PodSandboxNetworkStatus.newBuilder();
        if (sandbox.getIpsCount() > 0 && sandbox.getPhase() == SandboxRecord.Phase.READY) {
            network.setIp(sandbox.getIps(0));
            for (int i = 1; i < sandbox.getIpsCount(); i++) {
                network.addAdditionalIps(PodIP.newBuilder().setIp(sandbox.getIps(i)));
            }
        }
        return PodSandboxStatus.newBuilder()
                .setId(sandbox.getId())
                .setMetadata(sandbox.getConfig().getMetadata())
                .setState(state(sandbox))
                .setCreatedAt(sandbox.getCreatedAtNanos())
                .setNetwork(network)
                .setLinux(LinuxPodSandboxStatus.newBuilder().setNamespaces(Namespace.newBuilder()
                        .setOptions(SandboxRequests.namespaces(sandbox.getConfig()))))
                .putAllLabels(sandbox.getConfig().getLabelsMap())
                .putAllAnnotations(sandbox.getConfig().getAnnotationsMap())
                .setRuntimeHandler(sandbox.getRequestedHandler())
                .build();
    }
}
