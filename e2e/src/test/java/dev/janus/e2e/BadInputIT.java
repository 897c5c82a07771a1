package dev.janus.e2e;

import static dev.janus.e2e.Checks.expectStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerConfig;
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

    /** Runs failing calls and checks the lists of pods and containers did not change. */
    private static void assertUnchanged(Runnable failingCalls) {
        var pods = cri.runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList();
        var containers = cri.runtime().listContainers(ListContainersRequest.getDefaultInstance()).getContainersList();
        failingCalls.run();
        assertEquals(pods, cri.runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList());
        assertEquals(containers, cri.runtime().listContainers(ListContainersRequest.getDefaultInstance()).getContainersList());
    }
}
