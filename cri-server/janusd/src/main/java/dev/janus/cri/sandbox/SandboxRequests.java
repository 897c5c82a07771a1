package dev.janus.cri.sandbox;

import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.NamespaceOption;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.validation.PodChecks;

/** Checks and reads of a PodSandboxConfig that several verbs need. */
public final class SandboxRequests {

    private SandboxRequests() {
    }

    /** Everything kubelet's request carries, checked before anything is made (see PodChecks). */
    public static void validate(PodSandboxConfig config) {
        PodChecks.check(config);
    }

    public static NamespaceOption namespaces(PodSandboxConfig config) {
        return config.getLinux().getSecurityContext().getNamespaceOptions();
    }

    public static boolean hostNetwork(PodSandboxConfig config) {
        return namespaces(config).getNetwork() == NamespaceMode.NODE;
    }
}
