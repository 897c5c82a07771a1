package dev.janus.isolation.ocispec;

import static dev.janus.isolation.ocispec.Fixtures.container;
import static dev.janus.isolation.ocispec.Fixtures.inputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.Capability;
import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.LinuxPodSandboxConfig;
import dev.janus.cri.api.LinuxSandboxSecurityContext;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.SELinuxOption;
import dev.janus.cri.api.SecurityProfile;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.SpecWarning.Kind;
import dev.janus.isolation.ocispec.model.OciProcess;
import dev.janus.isolation.ocispec.model.OciResources.DeviceRule;
import dev.janus.isolation.ocispec.model.OciSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Capabilities, privileged mode and the /proc and /sys paths a container may see. */
class SecuritySpecTest {

    private static OciSpec build(ContainerConfig.Builder cfg) {
        return Fixtures.builder().container(inputs(cfg)).spec();
    }

    private static Capability.Builder caps() {
        return Capability.newBuilder();
    }

    @Test
    void defaultCapabilitiesAreContainerdsWithoutInheritableOrAmbient() {
        OciProcess.Capabilities c = build(container()).process().capabilities();
        assertEquals(Set.copyOf(Capabilities.DEFAULT), Set.copyOf(c.bounding()));
        assertEquals(c.bounding(), c.effective());
        assertEquals(c.bounding(), c.permitted());
        assertTrue(c.inheritable().isEmpty());
        assertTrue(c.ambient().isEmpty());
    }

    @Test
    void addAndDropAcceptNamesWithOrWithoutPrefix() {
        OciProcess.Capabilities c = build(container(sc -> sc.setCapabilities(caps()
                .addAddCapabilities("net_admin").addAddCapabilities("CAP_SYS_TIME")
                .addDropCapabilities("NET_RAW").addDropCapabilities("cap_chown")))).process().capabilities();
        assertTrue(c.effective().containsAll(List.of("CAP_NET_ADMIN", "CAP_SYS_TIME")));
        assertFalse(c.effective().contains("CAP_NET_RAW"));
        assertFalse(c.bounding().contains("CAP_CHOWN"));
    }

    @Test
    void dropAllThenAddOne() {
        OciProcess.Capabilities c = build(container(sc -> sc.setCapabilities(caps()
                .addDropCapabilities("ALL").addAddCapabilities("NET_BIND_SERVICE")))).process().capabilities();
        assertEquals(List.of("CAP_NET_BIND_SERVICE"), c.bounding());
    }

    @Test
    void addAllThenDropOne() {
        OciProcess.Capabilities c = build(container(sc -> sc.setCapabilities(caps()
                .addAddCapabilities("ALL").addDropCapabilities("SYS_ADMIN")))).process().capabilities();
        assertEquals(Capabilities.KNOWN.size() - 1, c.bounding().size());
        assertFalse(c.bounding().contains("CAP_SYS_ADMIN"));
    }

    @Test
    void ambientCapabilitiesAreAlsoInheritable() {
        OciProcess.Capabilities c = build(container(sc -> sc.setCapabilities(caps()
                .addAddAmbientCapabilities("NET_ADMIN")))).process().capabilities();
        assertEquals(List.of("CAP_NET_ADMIN"), c.ambient());
        assertEquals(List.of("CAP_NET_ADMIN"), c.inheritable());
        assertTrue(c.effective().contains("CAP_NET_ADMIN"));
    }

    @Test
    void unknownCapabilityIsInvalid() {
        CriException e = assertThrows(CriException.class, () -> build(container(sc -> sc.setCapabilities(
                caps().addAddCapabilities("FLY")))));
        assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("FLY"));
    }

    @Test
    void capabilityTheRuntimeLacksIsDroppedWithAWarning() {
        Set<String> held = Set.copyOf(Capabilities.KNOWN.stream().filter(c -> !c.equals("CAP_SYS_RESOURCE")).toList());
        OciSpecBuilder b = new OciSpecBuilder(new HostLimits(0, null, held), Fixtures.v1(), Fixtures.devices());
        BuiltSpec built = b.container(inputs(container(sc -> sc.setCapabilities(caps().addAddCapabilities("SYS_RESOURCE")))));
        assertFalse(built.spec().process().capabilities().bounding().contains("CAP_SYS_RESOURCE"));
        assertEquals(Kind.CAPABILITY_UNAVAILABLE, built.warnings().get(0).kind());
        // privileged means every capability the runtime holds, no more
        BuiltSpec priv = b.container(Fixtures.inputs(container(sc -> sc.setPrivileged(true)).build(),
                privilegedPod(), Fixtures.IMAGE, Path.of("/n")));
        assertEquals(held, Set.copyOf(priv.spec().process().capabilities().effective()));
    }

    @Test
    void privilegedGetsEverythingAndNoConfinement() {
        OciSpec s = Fixtures.builder().container(Fixtures.inputs(container(sc -> sc.setPrivileged(true)
                .setSeccompProfilePath("runtime/default")).build(), privilegedPod(), Fixtures.IMAGE,
                Path.of("/n"))).spec();
        assertEquals(Capabilities.KNOWN.size(), s.process().capabilities().bounding().size());
        assertTrue(s.linux().maskedPaths().isEmpty());
        assertTrue(s.linux().readonlyPaths().isEmpty());
        assertNull(s.linux().seccomp());
        assertTrue(s.mountAt("/sys").options().contains("rw"));
        assertTrue(s.mountAt("/sys/fs/cgroup").options().contains("rw"));
        assertEquals(3, s.linux().devices().size());
        assertEquals(List.of(DeviceRule.allowAll()),
                s.linux().resources().devices());
    }

    @Test
    void privilegedContainerNeedsAPrivilegedSandbox() {
        assertThrows(CriException.class, () -> build(container(sc -> sc.setPrivileged(true))));
    }

    @Test
    void maskedAndReadonlyPathsDefaultToContainerdsAndFollowTheContext() {
        OciSpec defaults = build(container());
        assertTrue(defaults.linux().maskedPaths().contains("/proc/kcore"));
        assertTrue(defaults.linux().readonlyPaths().contains("/proc/sys"));
        assertTrue(defaults.mountAt("/sys").options().contains("ro"));
        OciSpec given = build(container(sc -> sc.addMaskedPaths("/proc/timer_list").addReadonlyPaths("/proc/bus")));
        assertEquals(List.of("/proc/timer_list"), given.linux().maskedPaths());
        assertEquals(List.of("/proc/bus"), given.linux().readonlyPaths());
    }

    @Test
    void readonlyRootfsAndNoNewPrivs() {
        OciSpec s = build(container(sc -> sc.setReadonlyRootfs(true).setNoNewPrivs(true)));
        assertTrue(s.root().readonly());
        assertTrue(s.process().noNewPrivileges());
        // the pod's files follow the rootfs
        assertTrue(s.mountAt("/etc/hosts").options().contains("ro"));
        assertFalse(build(container()).process().noNewPrivileges());
    }

    @Test
    void apparmorAndSelinuxAreIgnoredWithWarnings() {
        BuiltSpec b = Fixtures.builder().container(inputs(container(sc -> sc
                .setApparmor(SecurityProfile.newBuilder()
                        .setProfileType(SecurityProfile.ProfileType.Localhost)
                        .setLocalhostRef("k8s-apparmor-example"))
                .setSelinuxOptions(SELinuxOption.newBuilder().setType("spc_t")))));
        assertEquals(Set.of(Kind.APPARMOR_IGNORED, Kind.SELINUX_IGNORED),
                Set.copyOf(b.warnings().stream().map(SpecWarning::kind).toList()));
        assertNull(b.spec().process().apparmorProfile());
        assertNull(b.spec().process().selinuxLabel());
    }

    static PodSandboxConfig privilegedPod() {
        return Fixtures.pod().setLinux(LinuxPodSandboxConfig.newBuilder()
                .setSecurityContext(LinuxSandboxSecurityContext.newBuilder().setPrivileged(true))).build();
    }
}
