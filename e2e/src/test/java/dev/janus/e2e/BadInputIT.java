package dev.janus.e2e;

import static dev.janus.e2e.Checks.expectStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.ContainerMetadata;
import dev.janus.cri.api.DNSConfig;
import dev.janus.cri.api.LinuxContainerConfig;
import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.api.PortMapping;
import dev.janus.cri.api.UpdateContainerResourcesRequest;
import dev.janus.cri.api.ContainerStatusRequest;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.ExecSyncRequest;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.ListContainersRequest;
import dev.janus.cri.api.ListPodSandboxRequest;
import dev.janus.cri.api.Mount;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxMetadata;
import dev.janus.cri.api.PodSandboxStatusRequest;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemoveContainerRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StopContainerRequest;
import dev.janus.cri.api.StopPodSandboxRequest;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets the right gRPC code and a clear message, and changes nothing: no pod, no
 * container, no file outside the directories it belongs in.
 */
class BadInputIT {

    private static JanusdFixture fixture;
    private static CriClient cri;
    private static PodSandboxConfig pod;
    private static String podId;

    @BeforeAll
    static void start() throws Exception {
        fixture = JanusdFixture.start("badinput", 12, List.of());
        cri = fixture.client();
        cri.images().pullImage(PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(fixture.image())).build());
        pod = Configs.pod("holder", fixture.dir().resolve("logs"));
        podId = cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod).build()).getPodSandboxId();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cri != null) {
            cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
            cri.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void unknownIdsAreNotFound() {
        String unknown = "0".repeat(64);
        assertUnchanged(() -> {
            expectStatus(Status.Code.NOT_FOUND, () -> cri.runtime().containerStatus(
                    ContainerStatusRequest.newBuilder().setContainerId(unknown).build()));
            expectStatus(Status.Code.NOT_FOUND, () -> cri.runtime().startContainer(
                    StartContainerRequest.newBuilder().setContainerId(unknown).build()));
            expectStatus(Status.Code.NOT_FOUND, () -> cri.runtime().stopPodSandbox(
                    StopPodSandboxRequest.newBuilder().setPodSandboxId(unknown).build()));
            expectStatus(Status.Code.NOT_FOUND, () -> cri.runtime().podSandboxStatus(
                    PodSandboxStatusRequest.newBuilder().setPodSandboxId(unknown).build()));
            expectStatus(Status.Code.NOT_FOUND, () -> cri.runtime().createContainer(CreateContainerRequest.newBuilder()
                    .setPodSandboxId(unknown).setSandboxConfig(pod)
                    .setConfig(Configs.container("x", fixture.image(), "true")).build()));
            // removal is idempotent: an unknown id is already removed
            cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(unknown).build());
            cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(unknown).build());
        });
    }

    @Test
    void duplicateNamesAreAlreadyExists() {
        assertUnchanged(() -> {
            var e = expectStatus(Status.Code.ALREADY_EXISTS, () -> cri.runtime().runPodSandbox(
                    RunPodSandboxRequest.newBuilder().setConfig(pod).build()));
            assertTrue(e.getStatus().getDescription().contains("is reserved for"), e.getMessage());
        });
        String first = create(Configs.container("twin", fixture.image(), "sleep", "100"));
        assertUnchanged(() -> expectStatus(Status.Code.ALREADY_EXISTS,
                () -> create(Configs.container("twin", fixture.image(), "sleep", "100"))));
        cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(first).build());
    }

    @Test
    void malformedRequestsAreInvalid() {
        assertUnchanged(() -> {
            expectStatus(Status.Code.INVALID_ARGUMENT, () -> cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder()
                    .setConfig(PodSandboxConfig.newBuilder().setMetadata(PodSandboxMetadata.newBuilder().setName("no-uid")))
                    .build()));
            expectStatus(Status.Code.INVALID_ARGUMENT, () -> create(Configs.container("", fixture.image(), "true")));
            expectStatus(Status.Code.INVALID_ARGUMENT, () -> create(Configs.container("noimage", "", "true")));
            expectStatus(Status.Code.INVALID_ARGUMENT, () -> cri.runtime().execSync(ExecSyncRequest.newBuilder()
                    .setContainerId("0".repeat(64)).build()));
        });
    }

    @Test
    void escapingPathsAreRefusedAndNothingIsWritten() throws Exception {
        Path victim = fixture.dir().resolve("victim.log");
        assertUnchanged(() -> {
            var e = expectStatus(Status.Code.INVALID_ARGUMENT, () -> create(Configs.container("esc", fixture.image(), "true")
                    .toBuilder().setLogPath("../../victim.log").build()));
            assertTrue(e.getStatus().getDescription().contains("escapes"), e.getMessage());
            expectStatus(Status.Code.INVALID_ARGUMENT, () -> create(Configs.container("abs", fixture.image(), "true")
                    .toBuilder().setLogPath(victim.toString()).build()));
            expectStatus(Status.Code.INVALID_ARGUMENT, () -> create(Configs.container("mnt", fixture.image(), "true")
                    .toBuilder().addMounts(Mount.newBuilder().setHostPath("/tmp").setContainerPath("../../etc")).build()));
        });
        assertFalse(Files.exists(victim));
    }

    @Test
    void oversizedMessagesAreRefused() {
        String huge = "x".repeat(20 * 1024 * 1024);
        assertUnchanged(() -> expectStatus(Status.Code.RESOURCE_EXHAUSTED, () -> cri.runtime().runPodSandbox(
                RunPodSandboxRequest.newBuilder().setConfig(pod.toBuilder().putAnnotations("big", huge)).build())));
    }

    @Test
    void wrongStateIsFailedPrecondition() throws Exception {
        String id = create(Configs.container("once", fixture.image(), "sleep", "100"));
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
        var e = expectStatus(Status.Code.FAILED_PRECONDITION, () -> cri.runtime().startContainer(
                StartContainerRequest.newBuilder().setContainerId(id).build()));
        assertTrue(e.getStatus().getDescription().contains("CONTAINER_RUNNING"), e.getMessage());
        cri.runtime().stopContainer(StopContainerRequest.newBuilder().setContainerId(id).setTimeout(0).build());
        expectStatus(Status.Code.FAILED_PRECONDITION, () -> Checks.exec(cri, id, 5, "true"));
        cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build());
    }

    @Test
    void concurrentCallsOnOneIdAllSucceedOnce() throws Exception {
        String id = create(Configs.container("racer", fixture.image(), "sleep", "100"));
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Object>> stops = java.util.Collections.nCopies(8, () -> cri.runtime().stopContainer(
                    StopContainerRequest.newBuilder().setContainerId(id).setTimeout(2).build()));
            for (Future<Object> f : pool.invokeAll(stops)) {
                f.get();
            }
            var stopped = Checks.status(cri, id);
            assertEquals(dev.janus.cri.api.ContainerState.CONTAINER_EXITED, stopped.getState());
            assertEquals(143, stopped.getExitCode(), "SIGTERM ended it, once");
            List<Callable<Object>> removes = java.util.Collections.nCopies(8, () -> cri.runtime().removeContainer(
                    RemoveContainerRequest.newBuilder().setContainerId(id).build()));
            for (Future<Object> f : pool.invokeAll(removes)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        expectStatus(Status.Code.NOT_FOUND, () -> Checks.status(cri, id));
    }

    private static String create(ContainerConfig config) {
        return cri.runtime().createContainer(CreateContainerRequest.newBuilder()
                .setPodSandboxId(podId).setSandboxConfig(pod).setConfig(config).build()).getContainerId();
    }

    /**
     * Runs failing calls and checks that nothing changed: the lists of pods and containers, and
     * on the host janusd's files (pod dirs, bundles, network namespaces), IP leases, mounts and monitors.
     */
    private static void assertUnchanged(Runnable failingCalls) {
        var pods = cri.runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList();
        var containers = cri.runtime().listContainers(ListContainersRequest.getDefaultInstance()).getContainersList();
        HostSnapshot host = HostSnapshot.of(fixture);
        failingCalls.run();
        assertEquals(pods, cri.runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList());
        assertEquals(containers, cri.runtime().listContainers(ListContainersRequest.getDefaultInstance()).getContainersList());
        assertEquals(host, HostSnapshot.of(fixture), "nothing changed on the host");
    }

    /** INVALID_ARGUMENT whose message starts with the field, and never a Java exception's text. */
    private static void invalid(String field, Runnable call) {
        var e = expectStatus(Status.Code.INVALID_ARGUMENT, call);
        String message = e.getStatus().getDescription();
        assertTrue(message.startsWith(field), () -> "names " + field + ": " + message);
        assertFalse(message.contains("Exception") || message.contains("java."), message);
    }

    private static void runPod(java.util.function.UnaryOperator<PodSandboxConfig.Builder> change) {
        PodSandboxConfig bad = change.apply(Configs.pod("bad", fixture.dir().resolve("logs")).toBuilder()).build();
        String id = cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(bad).build())
                .getPodSandboxId();
        cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(id).build());
        cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(id).build());
        throw new AssertionError("accepted a bad pod: " + bad);
    }

    private static void createBad(java.util.function.UnaryOperator<ContainerConfig.Builder> change) {
        String id = create(change.apply(Configs.container("bad", fixture.image(), "true").toBuilder()).build());
        cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build());
        throw new AssertionError("accepted a bad container");
    }

    private static PodSandboxMetadata.Builder meta(PodSandboxConfig.Builder pod) {
        return pod.getMetadata().toBuilder();
    }

    @Test
    void namesAndIdsThatCouldBecomePathsOrArgumentsAreInvalid() {
        assertUnchanged(() -> {
            invalid("metadata.name", () -> runPod(p -> p.setMetadata(meta(p).setName("a/b"))));
            invalid("metadata.name", () -> runPod(p -> p.setMetadata(meta(p).setName(".."))));
            invalid("metadata.namespace", () -> runPod(p -> p.setMetadata(meta(p).setNamespace("e2e\nx"))));
            invalid("metadata.namespace", () -> runPod(p -> p.setMetadata(meta(p).setNamespace("n".repeat(64)))));
            invalid("metadata.uid", () -> runPod(p -> p.setMetadata(meta(p).setUid("u\0id"))));
            invalid("metadata.uid", () -> runPod(p -> p.setMetadata(meta(p).setUid("x".repeat(1 << 20)))));
            invalid("hostname", () -> runPod(p -> p.setHostname("h".repeat(65))));
            invalid("metadata.name", () -> createBad(c -> c.setMetadata(ContainerMetadata.newBuilder()
                    .setName("../../escape"))));
        });
    }

    @Test
    void valuesThatWouldInjectLinesIntoPodFilesAreInvalid() {
        assertUnchanged(() -> {
            invalid("dns_config.servers[0]", () -> runPod(p -> p.setDnsConfig(DNSConfig.newBuilder()
                    .addServers("10.0.0.10\nnameserver 6.6.6.6"))));
            invalid("dns_config.searches[0]", () -> runPod(p -> p.setDnsConfig(DNSConfig.newBuilder()
                    .addSearches("svc.cluster.local evil.example"))));
            invalid("dns_config.options[0]", () -> runPod(p -> p.setDnsConfig(DNSConfig.newBuilder()
                    .addOptions("ndots:5\noptions debug"))));
            invalid("hostname", () -> runPod(p -> p.setHostname("web\n127.0.0.1 bank.example")));
        });
    }

    @Test
    void oversizedLabelsAndAnnotationsAreInvalidNamingTheKey() {
        String mib = "v".repeat(1 << 20);
        assertUnchanged(() -> {
            invalid("labels[\"big\"]", () -> runPod(p -> p.putLabels("big", mib)));
            invalid("annotations", () -> runPod(p -> p.putAnnotations("big", "a".repeat(300 * 1024))));
            invalid("labels[\"big\"]", () -> createBad(c -> c.putLabels("big", "v".repeat(64))));
        });
    }

    @Test
    void numbersOutOfRangeAreInvalidAndHugeTimeoutsWork() throws Exception {
        assertUnchanged(() -> invalid("linux.resources.cpu_shares", () -> createBad(c -> c.setLinux(
                LinuxContainerConfig.newBuilder().setResources(LinuxContainerResources.newBuilder().setCpuShares(-2))))));
        String id = create(Configs.container("patient", fixture.image(), "sh", "-c",
                "trap 'exit 0' TERM; while true; do sleep 1; done"));
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
        assertEquals(0, cri.runtime().execSync(ExecSyncRequest.newBuilder().setContainerId(id).addCmd("true")
                .setTimeout(Long.MAX_VALUE - 1).build()).getExitCode(), "a timeout near int64's end is a long one");
        assertUnchanged(() -> invalid("linux.memory_limit_in_bytes", () -> cri.runtime().updateContainerResources(
                UpdateContainerResourcesRequest.newBuilder().setContainerId(id).setLinux(LinuxContainerResources
                        .newBuilder().setMemoryLimitInBytes(-1)).build())));
        cri.runtime().stopContainer(StopContainerRequest.newBuilder().setContainerId(id).setTimeout(Long.MAX_VALUE)
                .build());
        assertEquals(0, Checks.status(cri, id).getExitCode(), "stopped by its stop signal, not by an overflow");
        cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build());
    }

    @Test
    void aMemoryLimitBelowWhatTheContainerUsesIsFailedPrecondition() throws Exception {
        String id = create(Configs.container("hungry", fixture.image(), "sh", "-c",
                "head -c 16000000 /dev/zero > /dev/shm/fill; echo filled; exec sleep 1000"));
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
        Checks.awaitLogLine(cri, id, "filled");
        var e = expectStatus(Status.Code.FAILED_PRECONDITION, () -> cri.runtime().updateContainerResources(
                UpdateContainerResourcesRequest.newBuilder().setContainerId(id).setLinux(LinuxContainerResources
                        .newBuilder().setMemoryLimitInBytes(1 << 20)).build()));
        assertTrue(e.getStatus().getDescription().contains("memory"), e.getMessage());
        assertEquals(dev.janus.cri.api.ContainerState.CONTAINER_RUNNING, Checks.status(cri, id).getState());
        cri.runtime().stopContainer(StopContainerRequest.newBuilder().setContainerId(id).setTimeout(0).build());
        cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build());
    }

    @Test
    void dotDotPathsAreInvalidAndAMissingMountSourceIsMade() throws Exception {
        assertUnchanged(() -> {
            invalid("log_directory", () -> runPod(p -> p.setLogDirectory(fixture.dir() + "/logs/../../escape")));
            invalid("log_directory", () -> runPod(p -> p.setLogDirectory("relative/logs")));
            invalid("mounts[0].host_path", () -> createBad(c -> c.addMounts(Mount.newBuilder()
                    .setContainerPath("/data").setHostPath(fixture.dir() + "/volumes/../../../etc"))));
        });
        Path missing = fixture.dir().resolve("volumes/made-on-demand");
        String id = create(Configs.container("mounter", fixture.image(), "sh", "-c", "ls -d /data")
                .toBuilder().addMounts(Mount.newBuilder().setContainerPath("/data").setHostPath(missing.toString()))
                .build());
        assertTrue(Files.isDirectory(missing), "made, as containerd makes it");
        cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build());
    }

    @Test
    void aHostPortMappedTwiceIsInvalid() {
        assertUnchanged(() -> invalid("port_mappings[1]", () -> runPod(p -> p
                .addPortMappings(PortMapping.newBuilder().setContainerPort(80).setHostPort(18081))
                .addPortMappings(PortMapping.newBuilder().setContainerPort(81).setHostPort(18081)))));
    }

    @Test
    void nulBytesInCommandsAreInvalid() {
        assertUnchanged(() -> {
            invalid("args[0]", () -> createBad(c -> c.addArgs("a\0b")));
            invalid("cmd[1]", () -> cri.runtime().execSync(ExecSyncRequest.newBuilder().setContainerId("0".repeat(64))
                    .addCmd("echo").addCmd("x\0y").build()));
        });
    }
}
