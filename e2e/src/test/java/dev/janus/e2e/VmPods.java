package dev.janus.e2e;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.ContainerStatusRequest;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxStatusRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StopPodSandboxRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** CRI steps the linux-vm suite repeats: pods on a handler, containers in them, their logs. */
final class VmPods {

    static final String HANDLER = "linux-vm";

    /** A pod and its config (containers need it again). */
    record Pod(String id, PodSandboxConfig config) {
    }

    private final JanusdFixture fixture;

    VmPods(JanusdFixture fixture) {
        this.fixture = fixture;
    }

    Pod run(String name, String handler) {
        return run(name, handler, UnaryOperator.identity());
    }

    /** A pod whose config {@code shape} changes first (a cgroup parent, resources). */
    Pod run(String name, String handler, UnaryOperator<PodSandboxConfig> shape) {
        PodSandboxConfig config = shape.apply(Configs.pod(name, fixture.dir().resolve("logs")));
        try (CriClient cri = fixture.client()) {
            String id = cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(config)
                    .setRuntimeHandler(handler).build()).getPodSandboxId();
            return new Pod(id, config);
        }
    }

    /** Creates and starts a container running {@code sh -c script}. */
    String start(Pod pod, String name, String script) {
        return start(pod, Configs.container(name, fixture.image(), "sh", "-c", script));
    }

    String start(Pod pod, ContainerConfig config) {
        try (CriClient cri = fixture.client()) {
            String id = cri.runtime().createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(pod.id())
                    .setSandboxConfig(pod.config()).setConfig(config).build()).getContainerId();
            cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
            return id;
        }
    }

    String ip(Pod pod) {
        try (CriClient cri = fixture.client()) {
            return cri.runtime().podSandboxStatus(PodSandboxStatusRequest.newBuilder().setPodSandboxId(pod.id())
                    .build()).getStatus().getNetwork().getIp();
        }
    }

    Path logPath(String containerId) {
        try (CriClient cri = fixture.client()) {
            return Path.of(cri.runtime().containerStatus(ContainerStatusRequest.newBuilder()
                    .setContainerId(containerId).build()).getStatus().getLogPath());
        }
    }

    /** The CRI log's entries, waiting up to {@code wait} until {@code done} holds for them. */
    List<String> awaitLog(String containerId, Duration wait, Predicate<List<String>> done) throws Exception {
        Path log = logPath(containerId);
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            if (done.test(lines)) {
                return lines;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("log of " + containerId + " never got there: " + lines);
    }

    /** The text of each log entry (after time, stream and tag). */
    static List<String> texts(List<String> entries) {
        return entries.stream().map(e -> e.split(" ", 4)).map(p -> p.length == 4 ? p[3] : "").toList();
    }

    /** The QEMU of a VM pod, from its pidfile in the handler's VM directory. */
    long qemuPid(Pod pod) throws IOException {
        Path pidFile = fixture.janusd().state().resolve("uvm").resolve(HANDLER).resolve(pod.id().substring(0, 16))
                .resolve("qemu.pid");
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    void remove(Pod pod) {
        try (CriClient cri = fixture.client()) {
            cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(pod.id()).build());
            cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(pod.id()).build());
        }
    }
}
