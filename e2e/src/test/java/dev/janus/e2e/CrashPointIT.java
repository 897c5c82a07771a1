package dev.janus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerState;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.ExecSyncRequest;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.ImageStatusRequest;
import dev.janus.cri.api.ListContainersRequest;
import dev.janus.cri.api.ListPodSandboxRequest;
import dev.janus.cri.api.PodSandbox;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxState;
import dev.janus.cri.api.PodSandboxStatusRequest;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemoveContainerRequest;
import dev.janus.cri.api.RemoveImageRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StopContainerRequest;
import dev.janus.cri.api.StopPodSandboxRequest;
import dev.janus.cri.faults.CrashPoint;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * janusd dies at each crash point of the CRI verbs in turn (armed through its environment, as
 * containerd's failpoint suites arm theirs), in the middle of a pod's whole life, and is started
 * again. Then every pod and container it reports must be what it says (a ready pod takes a
 * container, a running container runs, an exited one does not) and, once all are removed,
 * nothing may be left: no process, mount, network namespace, veth, IP lease, cgroup or bundle.
 */
class CrashPointIT {

    private static final String CGROUP_PARENT = "/janus-crash-" + ProcessHandle.current().pid();
    private static JanusdFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = JanusdFixture.start("crash", 15, List.of());
        try (CriClient cri = fixture.client()) {
            cri.images().pullImage(PullImageRequest.newBuilder().setImage(image()).build());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        JanusdFixture.closeAll(fixture);
        for (String controller : List.of("memory", "cpu", "cpuacct", "pids", "cpuset", "blkio", "")) {
            Files.deleteIfExists(Path.of("/sys/fs/cgroup", controller, CGROUP_PARENT.substring(1)));
        }
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void aRestartAfterACrashAtEachStepReportsTheTruthAndLeaksNothing(CrashPoint point) throws Exception {
        fixture.janusd().stop();
        fixture.janusd().start(Map.of(CrashPoint.ENV, point.step()));
        try (CriClient cri = fixture.client()) {
            wholeLife(cri, point.step().startsWith("PullImage"));
        } catch (StatusRuntimeException cut) {
            assertEquals(Status.Code.UNAVAILABLE, cut.getStatus().getCode(), cut::toString);
        }
        OptionalInt exit = fixture.janusd().awaitExit(Duration.ofSeconds(30));
        assertTrue(exit.isPresent(), "janusd never reached " + point.step());
        assertEquals(137, exit.getAsInt());

        fixture.janusd().start();
        try (CriClient cri = fixture.client()) {
            checkTruth(cri);
            removeAll(cri);
        }
        assertNothingLeft();
    }

    /** A pod's life from the pull on; the armed crash point ends it somewhere. */
    private static void wholeLife(CriClient cri, boolean pullFirst) {
        if (pullFirst) {
            cri.images().removeImage(RemoveImageRequest.newBuilder().setImage(image()).build());
            cri.images().pullImage(PullImageRequest.newBuilder().setImage(image()).build());
        }
        PodSandboxConfig pod = pod("life");
        String podId = cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod).build())
                .getPodSandboxId();
        String id = cri.runtime().createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(podId)
                .setSandboxConfig(pod).setConfig(Configs.container("life", fixture.image(), "sleep", "1000")).build())
                .getContainerId();
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
        cri.runtime().stopContainer(StopContainerRequest.newBuilder().setContainerId(id).setTimeout(0).build());
        cri.runtime().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build());
        cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
        cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
    }

    /** What the restarted janusd reports is so: each state is checked by using it. */
    private static void checkTruth(CriClient cri) throws Exception {
        var image = cri.images().imageStatus(ImageStatusRequest.newBuilder().setImage(image()).build());
        if (!image.hasImage()) {
            cri.images().pullImage(PullImageRequest.newBuilder().setImage(image()).build());
        }
        for (PodSandbox pod : cri.runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList()) {
            var status = cri.runtime().podSandboxStatus(PodSandboxStatusRequest.newBuilder()
                    .setPodSandboxId(pod.getId()).build()).getStatus();
            if (status.getState() == PodSandboxState.SANDBOX_READY) {
                assertFalse(status.getNetwork().getIp().isEmpty(), "a ready pod has its address: " + status);
                PodSandboxConfig config = pod("probe-" + pod.getMetadata().getName()).toBuilder()
                        .setMetadata(pod.getMetadata()).build();
                String probe = cri.runtime().createContainer(CreateContainerRequest.newBuilder()
                        .setPodSandboxId(pod.getId()).setSandboxConfig(config)
                        .setConfig(Configs.container("probe", fixture.image(), "sleep", "1000")).build())
                        .getContainerId();
                cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(probe).build());
                assertEquals(0, exec(cri, probe).getExitCode(), "a ready pod runs a new container");
            }
        }
        for (var c : cri.runtime().listContainers(ListContainersRequest.getDefaultInstance()).getContainersList()) {
            switch (c.getState()) {
                case CONTAINER_RUNNING -> assertEquals(0, exec(cri, c.getId()).getExitCode(),
                        "a running container runs: " + c.getId());
                case CONTAINER_CREATED -> {
                    cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(c.getId()).build());
                    assertEquals(0, exec(cri, c.getId()).getExitCode(), "a created container starts");
                }
                case CONTAINER_EXITED -> {
                    var e = Checks.expectStatus(Status.Code.FAILED_PRECONDITION, () -> exec(cri, c.getId()));
                    assertTrue(e.getMessage().contains("not running"), e.getMessage());
                    assertFalse(Checks.run("runc", "--root", fixture.janusd().state().resolve("oci/runc/runtime")
                            .toString(), "list", "-q").contains(c.getId()) && runningInRunc(c.getId()),
                            "an exited container's process is gone: " + c.getId());
                }
                default -> throw new AssertionError("a container in state " + c.getState() + ": " + c);
            }
        }
    }

    private static boolean runningInRunc(String id) throws Exception {
        return Checks.run("runc", "--root", fixture.janusd().state().resolve("oci/runc/runtime").toString(),
                "state", id).contains("\"running\"");
    }

    private static void removeAll(CriClient cri) {
        for (PodSandbox pod : cri.runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList()) {
            cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(pod.getId()).build());
            cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(pod.getId()).build());
        }
        assertEquals(0, cri.runtime().listContainers(ListContainersRequest.getDefaultInstance()).getContainersCount());
    }

    /** Nothing of any pod: the suite's janusd, network and cgroup parent are its own, so all must be empty. */
    private static void assertNothingLeft() throws Exception {
        Path state = fixture.janusd().state();
        assertEquals(List.of(), entries(state.resolve("network/netns")), "network namespaces left");
        assertEquals(List.of(), entries(state.resolve("oci/runc/bundles")), "bundles left");
        assertEquals("", Checks.run("runc", "--root", state.resolve("oci/runc/runtime").toString(), "list", "-q")
                .strip(), "runc containers left");
        String veths = Checks.run("ip", "-o", "link", "show", "master", fixture.bridge()).strip();
        assertTrue(veths.isEmpty() || veths.contains("does not exist"), "veths left: " + veths);
        List<String> leases = new ArrayList<>();
        try (Stream<Path> files = Files.exists(fixture.ipamDir()) ? Files.walk(fixture.ipamDir()) : Stream.empty()) {
            files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("lock") && !name.startsWith("last_reserved_ip")).forEach(leases::add);
        }
        assertEquals(List.of(), leases, "IP leases left");
        String prefix = fixture.dir().toString();
        List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .map(line -> line.split(" ")[4]).filter(point -> point.startsWith(prefix)).toList();
        assertEquals(List.of(), mounts, "mounts left");
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            List<String> monitors = all.map(p -> p.info().commandLine().orElse(""))
                    .filter(c -> c.contains(prefix) && !c.contains("janusd")).toList();
            assertEquals(List.of(), monitors, "processes left");
        }
        Path cgroups = Path.of("/sys/fs/cgroup/memory").resolve(CGROUP_PARENT.substring(1));
        assertEquals(List.of(), Files.isDirectory(cgroups) ? entries(cgroups).stream()
                .filter(name -> name.matches("[0-9a-f]{64}")).toList() : List.of(), "cgroups left");
    }

    private static List<String> entries(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static ImageSpec image() {
        return ImageSpec.newBuilder().setImage(fixture.image()).build();
    }

    private static PodSandboxConfig pod(String name) {
        PodSandboxConfig pod = Configs.pod(name, fixture.dir().resolve("logs"));
        return pod.toBuilder().setLinux(pod.getLinux().toBuilder().setCgroupParent(CGROUP_PARENT)).build();
    }

    private static dev.janus.cri.api.ExecSyncResponse exec(CriClient cri, String id) {
        return cri.runtime().execSync(ExecSyncRequest.newBuilder().setContainerId(id).addCmd("true").setTimeout(30)
                .build());
    }
}
