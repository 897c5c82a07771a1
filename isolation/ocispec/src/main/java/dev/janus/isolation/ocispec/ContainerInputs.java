package dev.janus.isolation.ocispec;

import dev.janus.isolation.ContainerSpec;
import dev.janus.isolation.ocispec.model.OciProcess.Rlimit;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one container's spec is built from.
 *
 * @param spec the seam's container spec (CRI config, sandbox config, image config, pod files)
 * @param rootfs the container's root filesystem, already assembled (absolute); its /etc/passwd
 *     and /etc/group name the users
 * @param pod the pod's namespaces to join (see {@link PodNamespaces})
 * @param targetPidNamespace the pid namespace path of the target container, for NamespaceMode
 *     TARGET; null otherwise
 * @param cgroupsPath cgroupfs form {@code /parent/id}; null lets the runtime choose
 * @param podShm the pod's shm directory bound at /dev/shm; null binds the host's /dev/shm (hostIPC)
 * @param rlimits rlimits to set (clamped to the host's hard limits); empty inherits the runtime's,
 *     as containerd's CRI does
 */
public record ContainerInputs(ContainerSpec spec, Path rootfs, PodNamespaces pod,
        String targetPidNamespace, String cgroupsPath, Path podShm, List<Rlimit> rlimits) {

    public ContainerInputs {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(rootfs, "rootfs");
        pod = pod == null ? PodNamespaces.host() : pod;
        rlimits = rlimits == null ? List.of() : List.copyOf(rlimits);
    }
}
