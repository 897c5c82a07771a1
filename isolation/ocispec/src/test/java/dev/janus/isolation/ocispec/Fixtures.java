package dev.janus.isolation.ocispec;

import com.google.protobuf.ByteString;
import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.ContainerMetadata;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.KeyValue;
import dev.janus.cri.api.LinuxContainerConfig;
import dev.janus.cri.api.LinuxContainerSecurityContext;
import dev.janus.cri.api.LinuxPodSandboxConfig;
import dev.janus.cri.api.LinuxSandboxSecurityContext;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxMetadata;
import dev.janus.isolation.ContainerSpec;
import dev.janus.isolation.ImageRuntimeConfig;
import dev.janus.isolation.PodFiles;
import dev.janus.isolation.SandboxSpec;
import dev.janus.isolation.ocispec.HostFeatures.CgroupVersion;
import dev.janus.isolation.ocispec.model.OciLinux.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Small builders for the CRI messages and inputs the tests vary. */
final class Fixtures {

    static final Path POD_SHM = Path.of("/run/janus/pods/p1/shm");
    static final PodFiles POD_FILES = new PodFiles(Path.of("/run/janus/pods/p1/hosts"),
            Path.of("/run/janus/pods/p1/resolv.conf"), Path.of("/run/janus/pods/p1/hostname"));
    static final ImageRuntimeConfig IMAGE = new ImageRuntimeConfig("", List.of("PATH=/bin", "LANG=C"),
            List.of("/entry"), List.of("serve", "--port=80"), "/srv", "SIGTERM");

    static final Device NULL = new Device("/dev/null", "c", 1, 3, 0666, 0L, 0L);
    static final Device FUSE = new Device("/dev/fuse", "c", 10, 229, 0666, 0L, 0L);
    static final Device SND_TIMER = new Device("/dev/snd/timer", "c", 116, 33, 0660, 0L, 29L);

    private Fixtures() {
    }

    /** A host with /dev/null, /dev/fuse and /dev/snd/timer. */
    static HostDevices devices() {
        return new HostDevices() {
            @Override
            public List<Device> all() {
                return List.of(NULL, FUSE, SND_TIMER);
            }

            @Override
            public List<Device> at(String hostPath) {
                return switch (hostPath) {
                    case "/dev/fuse" -> List.of(FUSE);
                    case "/dev/snd" -> List.of(SND_TIMER);
                    default -> List.of();
                };
            }
        };
    }

    static HostFeatures v1() {
        return new HostFeatures(CgroupVersion.V1, "amd64", "6.1.0-18-amd64", true, true, false);
    }

    static OciSpecBuilder builder() {
        return new OciSpecBuilder(HostLimits.unlimited(), v1(), devices());
    }

    static PodSandboxConfig.Builder pod() {
        return PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setName("web-0").setNamespace("default").setUid("u1"))
                .setHostname("web-0")
                .setLinux(LinuxPodSandboxConfig.newBuilder()
                        .setCgroupParent("/kubepods/podu1")
                        .setSecurityContext(LinuxSandboxSecurityContext.newBuilder()));
    }

    static ContainerConfig.Builder container(Consumer<LinuxContainerSecurityContext.Builder> security) {
        LinuxContainerSecurityContext.Builder sc = LinuxContainerSecurityContext.newBuilder();
        security.accept(sc);
        return ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName("app"))
                .setImage(ImageSpec.newBuilder().setImage("sha256:abc").setUserSpecifiedImage("nginx:1"))
                .setLinux(LinuxContainerConfig.newBuilder().setSecurityContext(sc));
    }

    static ContainerConfig.Builder container() {
        return container(sc -> { });
    }

    static KeyValue env(String k, String v) {
        return KeyValue.newBuilder().setKey(k).setValue(ByteString.copyFromUtf8(v)).build();
    }

    static ContainerInputs inputs(ContainerConfig cfg, PodSandboxConfig pod, ImageRuntimeConfig image, Path rootfs) {
        ContainerSpec spec = new ContainerSpec("c1", "s1", cfg, pod, image, "sha256:abc", List.of(),
                Path.of("/var/log/pods/x/app/0.log"), POD_FILES);
        return new ContainerInputs(spec, rootfs, PodNamespaces.ofProcess(4242), null, "/kubepods/podu1/c1",
                POD_SHM, List.of());
    }

    static ContainerInputs inputs(ContainerConfig.Builder cfg) {
        return inputs(cfg.build(), pod().build(), IMAGE, Path.of("/nonexistent/rootfs"));
    }

    static SandboxInputs sandbox(PodSandboxConfig pod) {
        return new SandboxInputs(new SandboxSpec("s1", pod, Path.of("/var/run/netns/cni-1"), POD_FILES,
                "/kubepods/podu1"), Path.of("/run/janus/pods/p1/rootfs"), Path.of("/usr/bin/catatonit"),
                "/kubepods/podu1/s1", POD_SHM, List.of());
    }

    /** A rootfs holding only /etc/passwd and /etc/group. */
    static Path rootfs(Path dir, String passwd, String group) throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/passwd"), passwd);
        Files.writeString(dir.resolve("etc/group"), group);
        return dir;
    }
}
