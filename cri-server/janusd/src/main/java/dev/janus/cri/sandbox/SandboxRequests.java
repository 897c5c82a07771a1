package dev.janus.cri.sandbox;

import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.NamespaceOption;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.errors.CriException;

/** Checks and reads of a PodSandboxConfig that several verbs need. */
public final class SandboxRequests {

    private SandboxRequests() {
    }

    public static void validate(PodSandboxConfig config) {
        if (!config.hasMetadata()) {
            throw CriException.invalid("sandbox config must have metadata");
        }
        var m = config.getMetadata();
        if (m.getName().isEmpty() || m.getNamespace().isEmpty() || m.getUid().isEmpty()) {
            throw CriException.invalid("sandbox metadata needs name, namespace and uid (got name=\"%s\","
                    + " namespace=\"%s\", uid=\"%s\")", m.getName(), m.getNamespace(), m.getUid());
        }
        String logDir = config.getLogDirectory();
        if (!logDir.isEmpty() && !logDir.startsWith("/")) {
            throw CriException.invalid("log_directory \"%s\" must be an absolute path", logDir);
        }
    }

    public static NamespaceOption namespaces(PodSandboxConfig config) {
        return config.getLinux().getSecurityContext().getNamespaceOptions();
    }

    public static boolean hostNetwork(PodSandboxConfig config) {
        return namespaces(config).getNetwork() == NamespaceMode.NODE;
    }
}
