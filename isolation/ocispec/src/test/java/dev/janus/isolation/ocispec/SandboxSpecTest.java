package dev.janus.isolation.ocispec;

import static dev.janus.isolation.ocispec.Fixtures.pod;
import static dev.janus.isolation.ocispec.Fixtures.sandbox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.Int64Value;
import dev.janus.cri.api.NamespaceMode;
import dev.janus.cri.api.NamespaceOption;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ocispec.model.OciLinux.Namespace;
import dev.janus.isolation.ocispec.model.OciSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pause (catatonit) spec that holds a pod's namespaces. */
class SandboxSpecTest {

    private static OciSpec build(PodSandboxConfig.Builder pod) {
        return Fixtures.builder().sandbox(sandbox(pod.build())).spec();
    }

    @Test
    void catatoninInPauseModeBoundReadOnly() {
        OciSpec s = build(pod());
        assertEquals(List.of("/pause", "-P"), s.process().args());
        assertEquals("/usr/bin/catatonit", s.mountAt("/pause").source());
        assertTrue(s.mountAt("/pause").options().contains("ro"));
        assertTrue(s.root().readonly());
        assertTrue(s.mountAt("/dev/shm").options().contains("ro"));
        assertEquals("web-0", s.hostname());
        assertEquals("/kubepods/podu1/s1", s.linux().cgroupsPath());
        assertEquals(2L, s.linux().resources().cpu().shares());
        assertEquals("sandbox", s.annotations().get("io.kubernetes.cri.container-type"));
    }

    @Test
    void runsAsNobodyWithoutCapabilities() {
        OciSpec s = build(pod());
        assertEquals(65535, s.process().user().uid());
        assertEquals(65535, s.process().user().gid());
        assertTrue(s.process().capabilities().bounding().isEmpty());
        assertTrue(s.process().noNewPrivileges());
        var custom = pod();
        custom.getLinuxBuilder().getSecurityContextBuilder()
                .setRunAsUser(Int64Value.newBuilder().setValue(1000))
                .setRunAsGroup(Int64Value.newBuilder().setValue(2000));
        assertEquals(1000, build(custom).process().user().uid());
        assertEquals(2000, build(custom).process().user().gid());
    }

    @Test
    void ownNamespacesWithTheNetnsByPath() {
        OciSpec s = build(pod());
        assertEquals("/var/run/netns/cni-1", s.linux().namespace("network").path());
        for (String type : List.of("mount", "uts", "ipc", "pid")) {
            assertEquals(Namespace.fresh(type), s.linux().namespace(type), type);
        }
    }

    @Test
    void hostNamespacesPerOption() {
        var host = pod();
        host.getLinuxBuilder().getSecurityContextBuilder().setNamespaceOptions(NamespaceOption.newBuilder()
                .setNetwork(NamespaceMode.NODE).setIpc(NamespaceMode.NODE).setPid(NamespaceMode.NODE));
        OciSpec s = build(host);
        assertEquals(List.of("mount"), s.linux().namespaces().stream().map(Namespace::type).toList());
        assertNull(s.hostname(), "a hostNetwork pod keeps the node's hostname");
        assertEquals("/dev/shm", Fixtures.builder().sandbox(new SandboxInputs(sandbox(host.build()).spec(),
                sandbox(host.build()).rootfs(), sandbox(host.build()).pauseBinary(), null, null, List.of()))
                .spec().mountAt("/dev/shm").source());
    }

    @Test
    void sysctlsOnlyForNamespacesThePodOwns() {
        var p = pod();
        p.getLinuxBuilder().putSysctls("net.ipv4.ip_unprivileged_port_start", "0")
                .putSysctls("kernel/shm_rmid_forced", "1");
        assertEquals(Map.of("net.ipv4.ip_unprivileged_port_start", "0", "kernel.shm_rmid_forced", "1"),
                build(p).linux().sysctl());

        var nodeWide = pod();
        nodeWide.getLinuxBuilder().putSysctls("vm.swappiness", "10");
        assertThrows(CriException.class, () -> build(nodeWide));

        var hostNet = pod();
        hostNet.getLinuxBuilder().putSysctls("net.ipv4.ip_forward", "1").getSecurityContextBuilder()
                .setNamespaceOptions(NamespaceOption.newBuilder().setNetwork(NamespaceMode.NODE));
        assertThrows(CriException.class, () -> build(hostNet));
    }
}
