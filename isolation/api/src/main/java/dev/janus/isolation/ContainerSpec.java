package dev.janus.isolation;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.PodSandboxConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * What a handler needs to create a container.
 *
 * @param id the container id
 * @param sandboxId the sandbox it joins
 * @param config the CRI container config as kubelet sent it
 * @param sandboxConfig the config of its sandbox
 * @param image the image's runtime config
 * @param imageRef the image as cri-server resolved it (its id), recorded for status
 * @param layers the image's read-only layer directories, top-most first
 * @param logPath where the CRI log goes (absolute; cri-server checked it stays in the pod's log dir)
 * @param podFiles the pod's hosts, resolv.conf and hostname files
 */
public record ContainerSpec(String id, String sandboxId, ContainerConfig config,
        PodSandboxConfig sandboxConfig, ImageRuntimeConfig image, String imageRef, List<Path> layers,
        Path logPath, PodFiles podFiles) {
}
