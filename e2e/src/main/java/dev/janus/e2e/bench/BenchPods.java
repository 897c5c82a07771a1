package dev.janus.e2e.bench;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.ContainerMetadata;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.LinuxPodSandboxConfig;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** The pod network, pod and container configs the benchmarks share. */
final class BenchPods {

    private BenchPods() {
    }

    /** A bridge network of the benchmark's own, so it never meets the host's pods. */
    static Path network(Path dir, String bridge, String subnet) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("10-" + bridge + ".conflist"), """
                {"cniVersion": "1.0.0", "name": "%s", "plugins": [
                  {"type": "bridge", "bridge": "%s", "isGateway": true, "ipMasq": true,
                   "ipam": {"type": "host-local", "ranges": [[{"subnet": "%s"}]], "routes": [{"dst": "0.0.0.0/0"}]}}]}
                """.formatted(bridge, bridge, subnet));
        return dir;
    }

    static PodSandboxConfig pod(String name, Path work) {
        String uid = UUID.randomUUID().toString();
        return PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setName(name).setNamespace("bench").setUid(uid))
                .setHostname(name).setLogDirectory(work.resolve("logs").resolve(uid).toString())
                .setLinux(LinuxPodSandboxConfig.getDefaultInstance()).build();
    }

    static ContainerConfig container(String name, String image, List<String> command) {
        return ContainerConfig.newBuilder().setMetadata(ContainerMetadata.newBuilder().setName(name))
                .setImage(ImageSpec.newBuilder().setImage(image)).addAllCommand(command)
                .setLogPath(name + ".log").build();
    }
}
