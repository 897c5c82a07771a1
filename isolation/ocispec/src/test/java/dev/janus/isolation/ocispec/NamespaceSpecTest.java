package dev.janus.isolation.ocispec;

import static dev.janus.isolation.ocispec.Fixtures.container;
import static dev.janus.isolation.ocispec.Fixtures.inputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.NamespaceOption;
import dev.janus.cri.api.UserNamespace;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.HostFeatures.CgroupVersion;
import dev.janus.isolation.ocispec.model.OciLinux;
import dev.janus.isolation.ocispec.model.OciLinux.Namespace;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which namespaces a container joins or gets, by the pod's and its own namespace options. */
class NamespaceSpecTest {

    private static OciLinux linux(NamespaceMode pid, String target) {
        ContainerInputs in = inputs(container(sc -> sc.setNamespaceOptions(
                NamespaceOption.newBuilder().setPid(pid).setTargetId("other"))));
        in = new ContainerInputs(in.spec(), in.rootfs(), in.pod(), target, in.cgroupsPath(), in.podShm(), List.of());
        return Fixtures.builder().container(in).spec().linux();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "POD, , /proc/4242/ns/pid",
            "CONTAINER, , new",
            "NODE, , null",
            "TARGET, /proc/77/ns/pid, /proc/77/ns/pid"})
    void pidNamespaceByMode(NamespaceMode mode, String target, String expected) {
        Namespace pid = linux(mode, target).namespace("pid");
        switch (expected == null ? "null" : expected) {
            case "null" -> assertNull(pid);
            case "new" -> assertEquals(Namespace.fresh("pid"), pid);
            default -> assertEquals(expected, pid.path());
        }
    }

    @Test
    void joinsThePodsNetworkIpcAndUtsAndGetsItsOwnMountNamespace() {
        OciLinux l = linux(NamespaceMode.CONTAINER, null);
        assertEquals("/proc/4242/ns/net", l.namespace("network").path());
        assertEquals("/proc/4242/ns/ipc", l.namespace("ipc").path());
        assertEquals("/proc/4242/ns/uts", l.namespace("uts").path());
        assertEquals(Namespace.fresh("mount"), l.namespace("mount"));
        assertNull(l.namespace("cgroup"), "no cgroup namespace on cgroup v1");
        assertNull(l.namespace("user"));
    }

    @Test
    void hostNamespacesAreLeftOut() {
        // a hostNetwork/hostIPC/hostPID pod: only the mount namespace (and a container-private pid
        // namespace, when the container asks for one) is new
        for (NamespaceMode pid : List.of(NamespaceMode.POD, NamespaceMode.CONTAINER)) {
            ContainerInputs in = inputs(container(sc -> sc.setNamespaceOptions(NamespaceOption.newBuilder().setPid(pid))));
            in = new ContainerInputs(in.spec(), in.rootfs(), PodNamespaces.host(), null, null, null, List.of());
            OciLinux l = Fixtures.builder().container(in).spec().linux();
            assertEquals(pid == NamespaceMode.POD ? List.of("mount") : List.of("mount", "pid"),
                    l.namespaces().stream().map(Namespace::type).toList());
        }
    }

    @Test
    void cgroupNamespaceOnV2ForUnprivileged() {
        HostFeatures v2 = new HostFeatures(CgroupVersion.V2, "amd64", "", true, true, false);
        OciLinux l = new OciSpecBuilder(HostLimits.unlimited(), v2, Fixtures.devices())
                .container(inputs(container())).spec().linux();
        assertEquals(Namespace.fresh("cgroup"), l.namespace("cgroup"));
    }

    @Test
    void targetModeWithoutTargetPathIsInvalid() {
        assertEquals(CriException.Kind.INVALID_ARGUMENT,
                assertThrows(CriException.class, () -> linux(NamespaceMode.TARGET, null)).kind());
    }

    @Test
    void userNamespacesAreUnimplemented() {
        NamespaceOption userns = NamespaceOption.newBuilder()
                .setUsernsOptions(UserNamespace.newBuilder().setMode(NamespaceMode.POD)).build();
        CriException e = assertThrows(CriException.class, () -> Fixtures.builder()
                .container(inputs(container(sc -> sc.setNamespaceOptions(userns)))));
        assertEquals(CriException.Kind.UNIMPLEMENTED, e.kind());
        var pod = Fixtures.pod();
        pod.getLinuxBuilder().getSecurityContextBuilder().setNamespaceOptions(userns);
        assertEquals(CriException.Kind.UNIMPLEMENTED, assertThrows(CriException.class,
                () -> Fixtures.builder().sandbox(Fixtures.sandbox(pod.build()))).kind());
        // NODE mode is the host's user namespace: nothing to do
        NamespaceOption node = NamespaceOption.newBuilder()
                .setUsernsOptions(UserNamespace.newBuilder().setMode(NamespaceMode.NODE)).build();
        Fixtures.builder().container(inputs(container(sc -> sc.setNamespaceOptions(node))));
    }
}
