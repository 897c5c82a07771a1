package dev.janus.isolation;

import dev.janus.cri.api.PodSandboxConfig;
import java.nio.file.Path;

/**
 * What a handler needs to start a sandbox.
 *
 * @param id the sandbox id
 * @param config the CRI sandbox config as kubelet sent it
 * @param netnsPath the pod's pinned network namespace, or null for a hostNetwork pod
 * @param podFiles the pod's hosts, resolv.conf and hostname files, mounted into every container
 * @param cgroupParent the cgroup the pod's processes go under (cgroupfs path), may be empty
 * @param network the pod network's attach, still running while the sandbox starts: its result is
 *     the pod's addresses and interfaces (a VM gets the same interface); null for a hostNetwork pod
 */
public record SandboxSpec(String id, PodSandboxConfig config, Path netnsPath, PodFiles podFiles,
        String cgroupParent, PodNetworkAttach network) {

    public SandboxSpec(String id, PodSandboxConfig config, Path netnsPath, PodFiles podFiles, String cgroupParent) {
        this(id, config, netnsPath, podFiles, cgroupParent, null);
    }
}
