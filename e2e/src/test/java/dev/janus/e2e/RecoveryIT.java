package dev.janus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.cri.api.ContainerState;
import dev.janus.cri.api.ContainerStatusRequest;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.ExecSyncRequest;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.ListContainersRequest;
import dev.janus.cri.api.ListPodSandboxRequest;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxState;
import dev.janus.cri.api.PodSandboxStatusRequest;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StopContainerRequest;
import dev.janus.cri.api.StopPodSandboxRequest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * janusd killed with SIGKILL while a container runs, then started again on the same dirs: the
 * pod and the container are still there, still running, and can be managed to the end.
 */
class RecoveryIT {

    private static JanusdFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = JanusdFixture.start("recovery", 13, List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void runningContainerSurvivesKill9() throws Exception {
        PodSandboxConfig pod = Configs.pod("survivor", fixture.dir().resolve("logs"));
        String podId;
        String containerId;
        String podIp;
        try (CriClient cri = fixture.client()) {
            cri.images().pullImage(PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(fixture.image())).build());
            podId = cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod).build()).getPodSandboxId();
            podIp = cri.runtime().podSandboxStatus(PodSandboxStatusRequest.newBuilder().setPodSandboxId(podId).build())
                    .getStatus().getNetwork().getIp();
            containerId = cri.runtime().createContainer(CreateContainerRequest.newBuilder()
                    .setPodSandboxId(podId).setSandboxConfig(pod)
                    .setConfig(Configs.container("survivor", fixture.image(), "sh", "-c",
                            "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done"))
                    .build()).getContainerId();
            cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(containerId).build());
        }

        fixture.janusd().kill9();
        fixture.janusd().start();

        try (CriClient cri = fixture.client()) {
            var pods = cri.runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList();
            assertEquals(1, pods.size());
            assertEquals(PodSandboxState.SANDBOX_READY, pods.get(0).getState());
            var containers = cri.runtime().listContainers(ListContainersRequest.getDefaultInstance()).getContainersList();
            assertEquals(1, containers.size());
            assertEquals(ContainerState.CONTAINER_RUNNING, containers.get(0).getState());

            var status = cri.runtime().containerStatus(ContainerStatusRequest.newBuilder().setContainerId(containerId).build())
                    .getStatus();
            long before = Files.readAllLines(java.nio.file.Path.of(status.getLogPath())).size();
            Thread.sleep(1000);
            assertTrue(Files.readAllLines(java.nio.file.Path.of(status.getLogPath())).size() > before,
                    "the container kept logging through the restart");
            assertEquals("ok\n", cri.runtime().execSync(ExecSyncRequest.newBuilder().setContainerId(containerId)
                    .addAllCmd(List.of("echo", "ok")).setTimeout(10).build()).getStdout().toStringUtf8());

            cri.runtime().stopContainer(StopContainerRequest.newBuilder().setContainerId(containerId).setTimeout(2).build());
            assertEquals(ContainerState.CONTAINER_EXITED, cri.runtime().containerStatus(
                    ContainerStatusRequest.newBuilder().setContainerId(containerId).build()).getStatus().getState());
            cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
            try (var held = Files.walk(fixture.ipamDir())) {
                assertFalse(held.anyMatch(p -> p.getFileName().toString().equals(podIp)),
                        "StopPodSandbox after the restart frees the pod's IP");
            }
            cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
        }
        Checks.assertNothingLeft(fixture, podId, containerId);
    }
}
