package dev.janus.e2e;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.ContainerMetadata;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.LinuxPodSandboxConfig;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** CRI configs shaped as kubelet sends them, with unique names per call. */
public final class Configs {

    private Configs() {
    }

    public static PodSandboxConfig pod(String name, Path logDir) {
        String uid = UUID.randomUUID().toString();
        return PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setName(name).setNamespace("e2e").setUid(uid))
                .setHostname(name)
                .setLogDirectory(logDir.resolve(name + "_" + uid).toString())
                .putLabels("suite", "e2e")
                .setLinux(LinuxPodSandboxConfig.getDefaultInstance())
                .build();
    }

    public static ContainerConfig container(String name, String image, String... command) {
        return ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName(name))
                .setImage(ImageSpec.newBuilder().setImage(image))
                .addAllCommand(List.of(command))
                .setLogPath(name + "/0.log")
                .putLabels("container", name)
                .build();
    }
}
