package dev.janus.cri.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.ContainerMetadata;
import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.KeyValue;
import dev.janus.cri.api.LinuxContainerConfig;
import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.api.LinuxPodSandboxConfig;
import dev.janus.cri.api.Mount;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxMetadata;
import dev.janus.cri.api.PortMapping;
import dev.janus.cri.api.Protocol;
import dev.janus.cri.errors.CriException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each class of bad request is INVALID_ARGUMENT naming its field; what kubelet and critest send passes. */
class RequestChecksTest {

    private static final PodSandboxConfig POD = PodSandboxConfig.newBuilder()
            .setMetadata(PodSandboxMetadata.newBuilder().setName("web-0").setNamespace("default")
                    .setUid("3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"))
            .setHostname("web-0").setLogDirectory("/var/log/pods/default_web-0_3f1c")
            .setDnsConfig(DNSConfig.newBuilder().addServers("10.96.0.10").addServers("fd00::a")
                    .addSearches("default.svc.cluster.local").addSearches("cluster.local").addOptions("ndots:5"))
            .addPortMappings(PortMapping.newBuilder().setContainerPort(80).setHostPort(8080))
            .addPortMappings(PortMapping.newBuilder().setContainerPort(80).setHostPort(8080).setProtocol(Protocol.UDP))
            .putLabels("io.kubernetes.pod.name", "a".repeat(200)).putLabels("app", "web")
            .putAnnotations("kubernetes.io/config.seen", "2026-12-07T10:00:00Z")
            .setLinux(LinuxPodSandboxConfig.newBuilder().setCgroupParent("/kubepods/burstable/pod3f1c"))
            .build();
    private static final ContainerConfig CONTAINER = ContainerConfig.newBuilder()
            .setMetadata(ContainerMetadata.newBuilder().setName("container-with-SupplementalGroups-and-predefined"
                    + "-group-image-test-0f7d1b8c-93a2-11ee-b9d1-0242ac120002"))
            .setImage(ImageSpec.newBuilder().setImage("registry.k8s.io/e2e-test-images/busybox:1.29-2"))
            .addCommand("sh").addArgs("-c").addArgs("echo hi")
            .addEnvs(KeyValue.newBuilder().setKey("A").setValue(ByteString.copyFromUtf8("1=2")))
            .addMounts(Mount.newBuilder().setContainerPath("/data").setHostPath("/var/lib/kubelet/pods/x/volumes/v"))
            .setLogPath("web/0.log")
            .build();

    @Test
    void whatKubeletAndCritestSendPasses() {
        assertDoesNotThrow(() -> PodChecks.check(POD));
        assertDoesNotThrow(() -> ContainerChecks.check(CONTAINER));
        assertDoesNotThrow(() -> PodChecks.check(pod(p -> p.putLabels("sandbox-platform", "linux/amd64"))),
                "containerd's LCOW label");
    }

    @Test
    void namesThatCouldBecomePathsOrArgumentsAreRefused() {
        refused("metadata.name", pod(p -> p.setMetadata(p.getMetadata().toBuilder().setName("a/b"))));
        refused("metadata.name", pod(p -> p.setMetadata(p.getMetadata().toBuilder().setName(".."))));
        refused("metadata.namespace", pod(p -> p.setMetadata(p.getMetadata().toBuilder().setNamespace("x\ny"))));
        refused("metadata.uid", pod(p -> p.setMetadata(p.getMetadata().toBuilder().setUid("a\0b"))));
        refused("metadata.namespace", pod(p -> p.setMetadata(p.getMetadata().toBuilder().setNamespace("n".repeat(64)))));
        refused("metadata.name", pod(p -> p.setMetadata(p.getMetadata().toBuilder().setName("p".repeat(254)))));
        refused("metadata.name", container(c -> c.setMetadata(ContainerMetadata.newBuilder().setName("c/../x"))));
        refused("hostname", pod(p -> p.setHostname("h".repeat(65))));
        refused("hostname", pod(p -> p.setHostname("evil\n10.0.0.1 bank")));
    }

    @Test
    void valuesThatWouldAddLinesToResolvConfAreRefused() {
        refused("dns_config.servers[1]", pod(p -> p.setDnsConfig(DNSConfig.newBuilder().addServers("1.1.1.1")
                .addServers("8.8.8.8\nnameserver 6.6.6.6"))));
        refused("dns_config.servers[0]", pod(p -> p.setDnsConfig(DNSConfig.newBuilder().addServers("dns.example"))));
        refused("dns_config.searches[0]", pod(p -> p.setDnsConfig(DNSConfig.newBuilder().addSearches("a b"))));
        refused("dns_config.options[0]", pod(p -> p.setDnsConfig(DNSConfig.newBuilder().addOptions("ndots:1\nx"))));
    }

    @Test
    void sizesFollowKubernetesLimitsAndNameTheKey() {
        CriException label = refused("labels[\"team\"]", pod(p -> p.putLabels("team", "t".repeat(64))));
        assertTrue(label.getMessage().contains("64"), label.getMessage());
        CriException annotations = refused("annotations", container(c -> c.putAnnotations("blob",
                "x".repeat(300 * 1024))));
        assertTrue(annotations.getMessage().contains("\"blob\""), annotations.getMessage());
    }

    @Test
    void numbersOutOfTheKernelsRangeAreRefusedAndHugeTimeoutsClamped() {
        refused("linux.resources.cpu_shares", container(c -> c.setLinux(LinuxContainerConfig.newBuilder()
                .setResources(LinuxContainerResources.newBuilder().setCpuShares(-5)))));
        refused("linux.resources.oom_score_adj", container(c -> c.setLinux(LinuxContainerConfig.newBuilder()
                .setResources(LinuxContainerResources.newBuilder().setOomScoreAdj(5000)))));
        refused("linux.resources.memory_limit_in_bytes", pod(p -> p.setLinux(LinuxPodSandboxConfig.newBuilder()
                .setResources(LinuxContainerResources.newBuilder().setMemoryLimitInBytes(-1)))));
        Duration clamped = Timeouts.seconds(Long.MAX_VALUE - 1);
        assertEquals(Duration.ofDays(365), clamped);
        assertDoesNotThrow(clamped::toMillis);
        assertEquals(Duration.ZERO, Timeouts.seconds(-3));
    }

    @Test
    void pathsWithDotDotAreRefused() {
        refused("log_directory", pod(p -> p.setLogDirectory("/var/log/pods/../../etc")));
        refused("log_directory", pod(p -> p.setLogDirectory("relative/logs")));
        refused("mounts[0].host_path", container(c -> c.setMounts(0, Mount.newBuilder().setContainerPath("/d")
                .setHostPath("/var/lib/../../etc"))));
        refused("mounts[0].container_path", container(c -> c.setMounts(0, Mount.newBuilder()
                .setContainerPath("../../etc").setHostPath("/tmp"))));
        refused("linux.cgroup_parent", pod(p -> p.setLinux(LinuxPodSandboxConfig.newBuilder()
                .setCgroupParent("/kubepods/../../sys"))));
    }

    @Test
    void aHostPortMappedTwiceIsRefused() {
        CriException e = refused("port_mappings[2]", pod(p -> p.addPortMappings(PortMapping.newBuilder()
                .setContainerPort(81).setHostPort(8080))));
        assertTrue(e.getMessage().contains("port_mappings[0]"), e.getMessage());
    }

    @Test
    void nulBytesInWhatReachesExecveAreRefused() {
        refused("args[1]", container(c -> c.setArgs(1, "echo\0rm -rf /")));
        refused("command[0]", container(c -> c.setCommand(0, "s\0h")));
        refused("envs[0].value", container(c -> c.setEnvs(0, KeyValue.newBuilder().setKey("A")
                .setValue(ByteString.copyFrom(new byte[] {'a', 0, 'b'})))));
        refused("envs[0].key", container(c -> c.setEnvs(0, KeyValue.newBuilder().setKey("A=B"))));
        CriException exec = assertThrows(CriException.class,
                () -> Commands.check("cmd", java.util.List.of("sh", "-c", "x\0y")));
        assertTrue(exec.getMessage().startsWith("cmd[2]"), exec.getMessage());
    }

    @Test
    void messagesNeverEchoAHugeOrMultiLineValue() {
        CriException e = refused("hostname", pod(p -> p.setHostname("a\n".repeat(500_000))));
        assertTrue(e.getMessage().length() < 400, e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    private static PodSandboxConfig pod(UnaryOperator<PodSandboxConfig.Builder> change) {
        return change.apply(POD.toBuilder()).build();
    }

    private static ContainerConfig container(UnaryOperator<ContainerConfig.Builder> change) {
        return change.apply(CONTAINER.toBuilder()).build();
    }

    private static CriException refused(String field, Object request) {
        CriException e = assertThrows(CriException.class, () -> {
            if (request instanceof PodSandboxConfig pod) {
                PodChecks.check(pod);
            } else {
                ContainerChecks.check((ContainerConfig) request);
            }
        }, () -> "accepted, but " + field + " is bad");
        assertEquals(CriException.Kind.INVALID_ARGUMENT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field), () -> "names " + field + ": " + e.getMessage());
        return e;
    }
}
