package dev.janus.isolation.ocispec;

import dev.janus.isolation.SandboxSpec;
import dev.janus.isolation.ocispec.model.OciProcess.Rlimit;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a pod's pause spec is built from. The pause process is catatonit ({@code -P}), bound
 * read-only from the host at /pause in an otherwise empty, read-only rootfs.
 *
 * @param spec the seam's sandbox spec; its netnsPath is the network namespace to join (null with
 *     a POD network mode makes a new, unconnected one)
 * @param rootfs the pause's root directory (may be empty: runc creates the mount points)
 * @param pauseBinary the host's static catatonit, e.g. /usr/bin/catatonit
 * @param cgroupsPath cgroupfs form {@code /parent/id}; null lets the runtime choose
 * @param podShm the pod's shm directory bound at /dev/shm; null binds the host's (hostIPC)
 * @param rlimits rlimits to set (clamped to the host's hard limits); empty inherits the runtime's
 */
public record SandboxInputs(SandboxSpec spec, Path rootfs, Path pauseBinary, String cgroupsPath,
        Path podShm, List<Rlimit> rlimits) {

    public SandboxInputs {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(rootfs, "rootfs");
        Objects.requireNonNull(pauseBinary, "pauseBinary");
        rlimits = rlimits == null ? List.of() : List.copyOf(rlimits);
    }
}
