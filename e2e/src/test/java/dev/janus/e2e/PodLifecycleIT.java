package dev.janus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerEventResponse;
import dev.janus.cri.api.ContainerEventType;
import dev.janus.cri.api.ContainerState;
import dev.janus.cri.api.ContainerStatsRequest;
import dev.janus.cri.api.ContainerStatus;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.ExecSyncResponse;
import dev.janus.cri.api.GetEventsRequest;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.ImageStatusRequest;
import dev.janus.cri.api.LinuxContainerConfig;
import dev.janus.cri.api.LinuxContainerResources;
import dev.janus.cri.api.ListContainersRequest;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxStatsRequest;
import dev.janus.cri.api.PodSandboxStatusRequest;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemoveContainerRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StatusRequest;
import dev.janus.cri.api.StopContainerRequest;
import dev.janus.cri.api.StopPodSandboxRequest;
import dev.janus.cri.api.UpdateContainerResourcesRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spine end to end, as a user of a node sees it: pull, run a pod, run a container that
 * writes to stdout and stderr, read its CRI log, exec in it, read its stats, follow its events,
 * stop and remove everything, and find nothing left on the host.
 */
class PodLifecycleIT {

    private static final Pattern CRI_LOG_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+(Z|[+-]\\d\\d:\\d\\d) (stdout|stderr) [PF] .*");

    private static JanusdFixture fixture;
    private static CriClient cri;

    @BeforeAll
    static void start() throws Exception {
        fixture = JanusdFixture.start("lifecycle", 11, List.of("--log-level", "debug"));
        cri = fixture.client();
    }

    @AfterAll
    static void stop() throws Exception {
        JanusdFixture.closeAll(cri, fixture);
    }

    @Test
    void statusReportsRuntimeAndNetworkReady() {
        var conditions = cri.runtime().status(StatusRequest.getDefaultInstance()).getStatus().getConditionsList();
        assertTrue(conditions.stream().allMatch(c -> c.getStatus()), conditions.toString());
    }

    @Test
    void podAndContainerLifecycle() throws Exception {
        BlockingQueue<ContainerEventResponse> events = subscribeEvents();
        String imageId = cri.images().pullImage(PullImageRequest.newBuilder()
                .setImage(ImageSpec.newBuilder().setImage(fixture.image())).build()).getImageRef();
        assertTrue(imageId.startsWith("sha256:"), imageId);
        assertEquals(imageId, cri.images().imageStatus(ImageStatusRequest.newBuilder()
                .setImage(ImageSpec.newBuilder().setImage(fixture.image())).build()).getImage().getId());

        PodSandboxConfig pod = Configs.pod("lifecycle", fixture.dir().resolve("logs"));
        String podId = cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod).build())
                .getPodSandboxId();
        var podStatus = cri.runtime().podSandboxStatus(PodSandboxStatusRequest.newBuilder()
                .setPodSandboxId(podId).build()).getStatus();
        assertTrue(podStatus.getNetwork().getIp().startsWith("10.215.11."), podStatus.toString());

        String containerId = cri.runtime().createContainer(CreateContainerRequest.newBuilder()
                .setPodSandboxId(podId).setSandboxConfig(pod)
                .setConfig(Configs.container("writer", fixture.image(), "sh", "-c",
                        "echo to-stdout; echo to-stderr >&2; exec sleep 1000"))
                .build()).getContainerId();
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(containerId).build());
        ContainerStatus running = status(containerId);
        assertEquals(ContainerState.CONTAINER_RUNNING, running.getState());
        assertTrue(running.getStartedAt() >= running.getCreatedAt());

        Path log = Path.of(running.getLogPath());
        List<String> lines = awaitLogLines(log, 2);
        assertTrue(lines.stream().allMatch(l -> CRI_LOG_LINE.matcher(l).matches()), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains(" stdout F to-stdout")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains(" stderr F to-stderr")), lines.toString());

        ExecSyncResponse hostname = exec(containerId, 10, "cat", "/etc/hostname");
        assertEquals("lifecycle\n", hostname.getStdout().toStringUtf8());
        assertEquals(3, exec(containerId, 10, "sh", "-c", "echo oops >&2; exit 3").getExitCode());
        StatusRuntimeException timeout = Checks.expectStatus(Status.Code.DEADLINE_EXCEEDED, () -> exec(containerId, 1, "sleep", "30"));
        assertTrue(timeout.getStatus().getDescription().contains("timed out"), timeout.getMessage());
        awaitGone("sleep\u000030", "the timed-out command is killed");

        var stats = cri.runtime().containerStats(ContainerStatsRequest.newBuilder().setContainerId(containerId).build())
                .getStats();
        assertTrue(stats.getMemory().getWorkingSetBytes().getValue() > 0, stats.toString());
        assertTrue(stats.getCpu().getUsageCoreNanoSeconds().getValue() > 0, stats.toString());
        var podStats = cri.runtime().podSandboxStats(PodSandboxStatsRequest.newBuilder().setPodSandboxId(podId).build());
        assertEquals(1, podStats.getStats().getLinux().getContainersCount());

        cri.runtime().stopContainer(StopContainerRequest.newBuilder().setContainerId(containerId).setTimeout(5).build());
        ContainerStatus exited = status(containerId);
        assertEquals(ContainerState.CONTAINER_EXITED, exited.getState());
        assertEquals(143, exited.getExitCode(), "sleep ends on SIGTERM");
        assertEquals("Error", exited.getReason());
        assertTrue(exited.getFinishedAt() >= exited.getStartedAt());

        cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(containerId).build());
        assertEquals(0, cri.runtime().listContainers(ListContainersRequest.getDefaultInstance()).getContainersList()
                .stream().filter(c -> c.getId().equals(containerId)).count());

        assertEventsInOrder(events, containerId, ContainerEventType.CONTAINER_CREATED_EVENT,
                ContainerEventType.CONTAINER_STARTED_EVENT, ContainerEventType.CONTAINER_STOPPED_EVENT,
                ContainerEventType.CONTAINER_DELETED_EVENT);

        String podIp = podStatus.getNetwork().getIp();
        cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
        assertFalse(ipamHolds(podIp), "StopPodSandbox frees the pod's IP");
        cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
        Checks.assertNothingLeft(fixture, podId, containerId);
    }

    @Test
    void containerThatExitsOnItsOwnIsCompleted() throws Exception {
        pull();
        PodSandboxConfig pod = Configs.pod("oneshot", fixture.dir().resolve("logs"));
        String podId = cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod).build())
                .getPodSandboxId();
        String id = cri.runtime().createContainer(CreateContainerRequest.newBuilder()
                .setPodSandboxId(podId).setSandboxConfig(pod)
                .setConfig(Configs.container("oneshot", fixture.image(), "sh", "-c", "echo done")).build())
                .getContainerId();
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
        ContainerStatus status = awaitState(id, ContainerState.CONTAINER_EXITED);
        assertEquals(0, status.getExitCode());
        assertEquals("Completed", status.getReason());
        cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
        Checks.assertNothingLeft(fixture, podId, id);
    }

    /** A container over its memory limit is killed by the kernel; its status says OOMKilled. */
    @Test
    void memoryLimitsAreEnforcedAndUpdatableAndOomIsReported() throws Exception {
        pull();
        PodSandboxConfig pod = Configs.pod("limits", fixture.dir().resolve("logs"));
        String podId = cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod).build())
                .getPodSandboxId();
        LinuxContainerResources limit = LinuxContainerResources.newBuilder().setMemoryLimitInBytes(32L << 20).build();
        String idler = cri.runtime().createContainer(CreateContainerRequest.newBuilder()
                .setPodSandboxId(podId).setSandboxConfig(pod)
                .setConfig(Configs.container("idler", fixture.image(), "sleep", "1000").toBuilder()
                        .setLinux(LinuxContainerConfig.newBuilder().setResources(limit))).build())
                .getContainerId();
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(idler.substring(0, 12)).build());
        assertEquals(32L << 20, memoryLimitOf(idler), "the limit reached the container's cgroup");
        cri.runtime().updateContainerResources(UpdateContainerResourcesRequest.newBuilder().setContainerId(idler)
                .setLinux(limit.toBuilder().setMemoryLimitInBytes(64L << 20)).build());
        assertEquals(64L << 20, memoryLimitOf(idler), "the update reached the container's cgroup");
        assertEquals(64L << 20, status(idler).getResources().getLinux().getMemoryLimitInBytes());

        String hog = cri.runtime().createContainer(CreateContainerRequest.newBuilder()
                .setPodSandboxId(podId).setSandboxConfig(pod)
                .setConfig(Configs.container("hog", fixture.image(), "sh", "-c", "x=aaaaaaaa; while true; do x=$x$x; done")
                        .toBuilder().setLinux(LinuxContainerConfig.newBuilder().setResources(limit))).build())
                .getContainerId();
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(hog).build());
        ContainerStatus killed = awaitState(hog, ContainerState.CONTAINER_EXITED);
        assertEquals(137, killed.getExitCode());
        assertEquals("OOMKilled", killed.getReason());
        cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
        Checks.assertNothingLeft(fixture, podId, idler, hog);
    }

    /** The memory limit of a container's cgroup, v1 or v2, as the host sees it. */
    private static long memoryLimitOf(String containerId) throws Exception {
        String path = Files.readString(fixture.janusd().state().resolve("oci/runc/bundles").resolve(containerId).resolve("cgroup")).trim();
        Path v2 = Path.of("/sys/fs/cgroup").resolve(path.substring(1)).resolve("memory.max");
        Path v1 = Path.of("/sys/fs/cgroup/memory").resolve(path.substring(1)).resolve("memory.limit_in_bytes");
        return Long.parseLong(Files.readString(Files.exists(v2) ? v2 : v1).trim());
    }

    private static void pull() {
        cri.images().pullImage(PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(fixture.image())).build());
    }

    private static ContainerStatus status(String id) {
        return Checks.status(cri, id);
    }

    private static ContainerStatus awaitState(String id, ContainerState state) throws InterruptedException {
        return Checks.awaitState(cri, id, state);
    }

    private static ExecSyncResponse exec(String id, long timeoutSeconds, String... cmd) {
        return Checks.exec(cri, id, timeoutSeconds, cmd);
    }

    private static List<String> awaitLogLines(Path log, int count) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                if (lines.size() >= count) {
                    return lines;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("log " + log + " never had " + count + " lines");
    }

    private static BlockingQueue<ContainerEventResponse> subscribeEvents() {
        BlockingQueue<ContainerEventResponse> queue = new LinkedBlockingQueue<>();
        Context.current().fork().run(() -> cri.runtimeAsync().getContainerEvents(GetEventsRequest.getDefaultInstance(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(ContainerEventResponse value) {
                        queue.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                }));
        return queue;
    }

    private static void assertEventsInOrder(BlockingQueue<ContainerEventResponse> events, String id,
            ContainerEventType... expected) throws InterruptedException {
        int next = 0;
        long deadline = System.currentTimeMillis() + 10_000;
        while (next < expected.length && System.currentTimeMillis() < deadline) {
            ContainerEventResponse event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event.getContainerId().equals(id)) {
                assertEquals(expected[next], event.getContainerEventType(), "event " + next + " of " + id);
                assertTrue(event.hasPodSandboxStatus(), "events carry the pod's status");
                next++;
            }
        }
        assertEquals(expected.length, next, "events seen for " + id);
    }

    /** Within seconds, not the command's 30: the kill may land just after the reply. */
    private static void awaitGone(String cmdline, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (HostProcesses.runs(cmdline)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": still running after 10 s; janusd said: "
                        + Files.readAllLines(fixture.janusd().log()).stream().filter(l -> l.contains("exec")).toList());
            }
            Thread.sleep(50);
        }
    }

    private static boolean ipamHolds(String ip) throws Exception {
        try (var files = Files.walk(fixture.ipamDir())) {
            return files.anyMatch(p -> p.getFileName().toString().equals(ip));
        }
    }

}
