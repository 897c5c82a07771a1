package dev.janus.isolation.ocispec;

import static dev.janus.isolation.ocispec.Fixtures.container;
import static dev.janus.isolation.ocispec.Fixtures.inputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.IDMapping;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.Mount;
import dev.janus.cri.api.MountPropagation;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.HostFeatures.CgroupVersion;
import dev.janus.isolation.ocispec.model.OciMount;
import dev.janus.isolation.ocispec.model.OciSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Default mounts, CRI volumes with their propagation, the pod's files, and refused paths. */
class MountSpecTest {

    private static OciSpec build(ContainerConfig.Builder cfg) {
        return Fixtures.builder().container(inputs(cfg)).spec();
    }

    private static Mount.Builder volume(String container, String host) {
        return Mount.newBuilder().setContainerPath(container).setHostPath(host);
    }

    private static List<String> destinations(OciSpec s) {
        return s.mounts().stream().map(OciMount::destination).toList();
    }

    @Test
    void defaultsThenPodFilesThenShm() {
        OciSpec s = build(container());
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/mqueue", "/sys", "/sys/fs/cgroup",
                "/etc/hostname", "/etc/hosts", "/etc/resolv.conf", "/dev/shm"), destinations(s));
        OciMount shm = s.mountAt("/dev/shm");
        assertEquals("bind", shm.type());
        assertEquals(Fixtures.POD_SHM.toString(), shm.source());
        assertEquals(Fixtures.POD_FILES.hosts().toString(), s.mountAt("/etc/hosts").source());
        assertTrue(s.mountAt("/sys").options().contains("ro"));
    }

    @Test
    void hostIpcBindsTheHostsShm() {
        ContainerInputs in = inputs(container());
        ContainerInputs hostIpc = new ContainerInputs(in.spec(), in.rootfs(), in.pod(), null, in.cgroupsPath(),
                null, List.of());
        assertEquals("/dev/shm", Fixtures.builder().container(hostIpc).spec().mountAt("/dev/shm").source());
    }

    @Test
    void volumesAreRbindsWithPropagationAndSortedByDepth() {
        OciSpec s = build(container()
                .addMounts(volume("/data/cache/x", "/var/lib/kubelet/pods/u1/volumes/c"))
                .addMounts(volume("/data", "/var/lib/kubelet/pods/u1/volumes/d").setReadonly(true))
                .addMounts(volume("/host", "/").setPropagation(MountPropagation.PROPAGATION_HOST_TO_CONTAINER))
                .addMounts(volume("/shared", "/mnt/s").setPropagation(MountPropagation.PROPAGATION_BIDIRECTIONAL)
                        .addMountOptions("noexec")));
        List<String> d = destinations(s);
        assertTrue(d.indexOf("/data") < d.indexOf("/data/cache/x"));
        assertEquals(List.of("rbind", "rprivate", "ro"), s.mountAt("/data").options());
        assertEquals(List.of("rbind", "rprivate", "rw"), s.mountAt("/data/cache/x").options());
        assertEquals(List.of("rbind", "rslave", "rw"), s.mountAt("/host").options());
        assertEquals(List.of("rbind", "rshared", "rw", "noexec"), s.mountAt("/shared").options());
        assertEquals("rshared", s.linux().rootfsPropagation());
    }

    @Test
    void hostToContainerMakesTheRootfsSlave() {
        OciSpec s = build(container().addMounts(volume("/host", "/")
                .setPropagation(MountPropagation.PROPAGATION_HOST_TO_CONTAINER)));
        assertEquals("rslave", s.linux().rootfsPropagation());
        assertNull(build(container()).linux().rootfsPropagation());
    }

    @Test
    void criMountsReplacePodFilesAndDefaults() {
        OciSpec s = build(container()
                .addMounts(volume("/etc/hosts", "/my/hosts"))
                .addMounts(volume("/dev", "/dev")));
        assertEquals(1, s.mounts().stream().filter(m -> m.destination().equals("/etc/hosts")).count());
        assertEquals("/my/hosts", s.mountAt("/etc/hosts").source());
        // a CRI /dev takes all of /dev: no tmpfs, pts, mqueue (the pod shm stays, above it)
        assertEquals(List.of("/proc", "/sys", "/sys/fs/cgroup"), destinations(s).subList(0, 3));
        assertEquals("bind", s.mountAt("/dev").type());
    }

    @Test
    void containerPathIsCleaned() {
        assertEquals("/a/b", destinations(build(container().addMounts(volume("//a/./b/", "/x"))))
                .stream().filter(p -> p.startsWith("/a")).findFirst().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/path", "/data/../etc", "/..", "", "/"})
    void escapingOrRelativeContainerPathsAreRefused(String path) {
        CriException e = assertThrows(CriException.class, () -> build(container().addMounts(volume(path, "/x"))));
        assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind(), e.getMessage());
    }

    @Test
    void otherInvalidMounts() {
        assertInvalid(container().addMounts(volume("/d", "relative")));
        assertInvalid(container().addMounts(volume("/d", "")));
        assertInvalid(container().addMounts(volume("/d", "/x").addMountOptions("bind")));
        assertInvalid(container().addMounts(volume("/d", "/x").setRecursiveReadOnly(true)));
        assertInvalid(container().addMounts(volume("/d", "/x").setRecursiveReadOnly(true).setReadonly(true)
                .setPropagation(MountPropagation.PROPAGATION_HOST_TO_CONTAINER)));
    }

    @Test
    void recursiveReadOnlyNeedsARuntimeThatHasIt() {
        ContainerConfig.Builder cfg = container().addMounts(volume("/d", "/x").setReadonly(true).setRecursiveReadOnly(true));
        CriException e = assertThrows(CriException.class, () -> build(cfg));
        assertEquals(CriException.Kind.UNIMPLEMENTED, e.kind());
        assertTrue(e.getMessage().contains("recursive read-only"));
        HostFeatures rro = new HostFeatures(CgroupVersion.V1, "amd64", "", true, true, true);
        OciSpec s = new OciSpecBuilder(HostLimits.unlimited(), rro, Fixtures.devices()).container(inputs(cfg)).spec();
        assertEquals(List.of("rbind", "rprivate", "rro"), s.mountAt("/d").options());
    }

    @Test
    void imageVolumesAndIdMappedMountsAreUnimplemented() {
        for (ContainerConfig.Builder cfg : List.of(
                container().addMounts(Mount.newBuilder().setContainerPath("/img")
                        .setImage(ImageSpec.newBuilder().setImage("busybox"))),
                container().addMounts(volume("/d", "/x").addUidMappings(IDMapping.newBuilder().setLength(1))))) {
            assertEquals(CriException.Kind.UNIMPLEMENTED, assertThrows(CriException.class, () -> build(cfg)).kind());
        }
    }

    private static void assertInvalid(ContainerConfig.Builder cfg) {
        CriException e = assertThrows(CriException.class, () -> build(cfg));
        assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind(), e.getMessage());
    }
}
