package dev.janus.cri.state;

import dev.janus.cri.api.ContainerMetadata;
import dev.janus.cri.api.PodSandboxMetadata;

/** The names kubelet's objects are reserved under, built as containerd builds them. */
public final class CriNames {

    private CriNames() {
    }

    public static String sandbox(PodSandboxMetadata m) {
        return String.join("_", m.getName(), m.getNamespace(), m.getUid(), Integer.toString(m.getAttempt()));
    }

    public static String container(ContainerMetadata c, PodSandboxMetadata s) {
        return String.join("_", c.getName(), s.getName(), s.getNamespace(), s.getUid(),
                Integer.toString(c.getAttempt()));
    }
}
