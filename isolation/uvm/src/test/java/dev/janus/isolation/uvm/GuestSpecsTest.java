package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.ContainerMetadata;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.LinuxContainerConfig;
import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.api.LinuxContainerSecurityContext;
import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.NamespaceOption;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxMetadata;
import dev.janus.cri.api.SecurityProfile;
import dev.janus.isolation.ContainerSpec;
import dev.janus.isolation.ImageRuntimeConfig;
import dev.janus.isolation.PodFiles;
import dev.janus.isolation.ocispec.model.OciJson;
import dev.janus.isolation.ocispec.model.OciLinux;
import dev.janus.isolation.ocispec.model.OciSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestSpecsTest {

    private final GuestSpecs specs = new GuestSpecs("6.1.0-50-amd64");

    @TempDir
    Path image;

    private ContainerSpec spec(NamespaceMode pid) throws Exception {
        Files.createDirectories(image.resolve("etc"));
        Files.writeString(image.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\nweb:x:33:33::/srv:/bin/sh\n");
        Files.writeString(image.resolve("etc/group"), "root:x:0:\nweb:x:33:\n");
        ContainerConfig config = ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName("app"))
                .setImage(ImageSpec.newBuilder().setImage("busybox"))
                .setLinux(LinuxContainerConfig.newBuilder()
                        .setResources(LinuxContainerResources.newBuilder().setMemoryLimitInBytes(64L << 20))
                        .setSecurityContext(LinuxContainerSecurityContext.newBuilder()
                                .setSeccomp(SecurityProfile.newBuilder()
                                        .setProfileType(SecurityProfile.ProfileType.RuntimeDefault))
                                .setNamespaceOptions(NamespaceOption.newBuilder().setPid(pid))))
                .build();
        PodSandboxConfig pod = PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setName("p").setNamespace("n").setUid("u"))
                .setHostname("p").build();
        return new ContainerSpec("c1", "s1", config, pod, new ImageRuntimeConfig("web", List.of("PATH=/bin"),
                List.of(), List.of("sh"), "/srv", ""), "sha256:1", List.of(image), null,
                GuestPaths.podFiles(new PodFiles(Path.of("/h/hosts"), Path.of("/h/resolv.conf"), null)));
    }

    @Test
    void theGuestSpecRunsInTheVmsNamespacesOnTheAssembledRootfs() throws Exception {
        OciSpec oci = OciJson.read(specs.container(spec(NamespaceMode.CONTAINER), image, 0));
        assertEquals("rootfs", oci.root().path(), "the agent mounts the overlay at <bundle>/rootfs");
        List<String> types = oci.linux().namespaces().stream().map(OciLinux.Namespace::type).toList();
        assertEquals(List.of("mount", "pid", "cgroup"), types, "network, IPC and UTS are the VM's");
        assertEquals("/janus/c1/ctr", oci.linux().cgroupsPath());
        assertEquals(33, oci.process().user().uid(), "the image's user name resolved through its /etc/passwd");
        assertEquals(64L << 20, oci.linux().resources().memory().limit());
        assertNotNull(oci.linux().seccomp(), "RuntimeDefault: the guest kernel filters with the default profile");
        assertEquals("/run/janus-pod/hosts", oci.mountAt("/etc/hosts").source());
        assertEquals("/run/janus-pod/resolv.conf", oci.mountAt("/etc/resolv.conf").source());
        assertEquals(null, oci.mountAt("/etc/hostname"), "no hostname file on the host: none in the guest");
        assertEquals("/dev/shm", oci.mountAt("/dev/shm").source(), "the VM's /dev/shm is the pod's");
    }

    @Test
    void podPidModeSharesTheVmsPidNamespaceAndTargetJoinsTheTargetsInit() throws Exception {
        OciSpec pod = OciJson.read(specs.container(spec(NamespaceMode.POD), image, 0));
        assertTrue(pod.linux().namespaces().stream().noneMatch(n -> n.type().equals("pid")));
        ContainerSpec target = spec(NamespaceMode.TARGET);
        OciSpec joined = OciJson.read(specs.container(target, image, 321));
        assertEquals("/proc/321/ns/pid", joined.linux().namespaces().stream()
                .filter(n -> n.type().equals("pid")).findFirst().orElseThrow().path());
    }

    @Test
    void newResourcesForACreatedContainerKeepItsDeviceRules() throws Exception {
        byte[] original = specs.container(spec(NamespaceMode.CONTAINER), image, 0);
        OciSpec before = OciJson.read(original);
        OciSpec after = OciJson.read(specs.withResources(original, LinuxContainerResources.newBuilder()
                .setCpuQuota(50_000).setCpuPeriod(100_000).build()));
        assertEquals(before.linux().resources().devices(), after.linux().resources().devices());
        assertEquals(50_000L, after.linux().resources().cpu().quota());
        assertEquals(null, after.linux().resources().memory(), "an update replaces the whole set");
        assertEquals(before.process(), after.process());
        String update = new String(specs.resources(LinuxContainerResources.newBuilder().setCpuShares(512).build()));
        assertTrue(update.contains("\"shares\" : 512") && !update.contains("devices"), update);
    }
}
