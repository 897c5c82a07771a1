package dev.janus.e2e.streaming;

import dev.janus.cri.api.AttachRequest;
import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.ExecRequest;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.ListPodSandboxRequest;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PortForwardRequest;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StopPodSandboxRequest;
import dev.janus.e2e.Configs;
import dev.janus.e2e.CriClient;
import dev.janus.e2e.JanusdFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Pods, containers and streaming URLs for the streaming suites, over a fixture's janusd. */
final class StreamingPods implements AutoCloseable {

    private final JanusdFixture fixture;
    private CriClient cri;

    StreamingPods(JanusdFixture fixture) {
        this.fixture = fixture;
        this.cri = fixture.client();
    }

    /** A janusd whose streaming tokens last {@code tokenTtl} seconds and idle connections {@code idle}. */
    static JanusdFixture start(String suite, int subnetOctet, int tokenTtl, int idle) throws Exception {
        Path config = Files.createTempFile("janus-streaming-", ".yaml");
        Files.writeString(config, "streaming:\n  tokenTtlSeconds: " + tokenTtl + "\n  idleTimeoutSeconds: " + idle + "\n");
        return JanusdFixture.start(suite, subnetOctet, List.of("--config", config.toString(),
                "--log-level", System.getProperty("janus.logLevel", "info")));
    }

    CriClient cri() {
        return cri;
    }

    /** A new client, after janusd restarted. */
    void reconnect() {
        cri.close();
        cri = fixture.client();
    }

    PodSandboxConfig pod(String name) {
        cri.images().pullImage(PullImageRequest.newBuilder()
                .setImage(ImageSpec.newBuilder().setImage(fixture.image())).build());
        return Configs.pod(name, fixture.dir().resolve("logs"));
    }

    String run(PodSandboxConfig pod) {
        return cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod).build()).getPodSandboxId();
    }

    String container(String podId, PodSandboxConfig pod, ContainerConfig config) {
        String id = cri.runtime().createContainer(CreateContainerRequest.newBuilder()
                .setPodSandboxId(podId).setSandboxConfig(pod).setConfig(config).build()).getContainerId();
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
        return id;
    }

    ContainerConfig.Builder config(String name, String... command) {
        return Configs.container(name, fixture.image(), command).toBuilder();
    }

    String execUrl(String containerId, RemoteCommandClient.Streams streams, String... command) {
        return cri.runtime().exec(ExecRequest.newBuilder().setContainerId(containerId).addAllCmd(List.of(command))
                .setStdin(streams.stdin()).setStdout(streams.stdout()).setStderr(streams.stderr())
                .setTty(streams.tty()).build()).getUrl();
    }

    String attachUrl(String containerId, RemoteCommandClient.Streams streams) {
        return cri.runtime().attach(AttachRequest.newBuilder().setContainerId(containerId)
                .setStdin(streams.stdin()).setStdout(streams.stdout()).setStderr(streams.stderr())
                .setTty(streams.tty()).build()).getUrl();
    }

    String portForwardUrl(String podId, Integer... ports) {
        return cri.runtime().portForward(PortForwardRequest.newBuilder().setPodSandboxId(podId)
                .addAllPort(List.of(ports)).build()).getUrl();
    }

    /** Resident memory of a process, in KiB. */
    static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }

    /** Removes every pod of this janusd (and so its containers): suites leave nothing running. */
    void removeAll() {
        for (var sandbox : cri.runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList()) {
            cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(sandbox.getId()).build());
            cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(sandbox.getId()).build());
        }
    }

    @Override
    public void close() {
        try {
            removeAll();
        } finally {
            cri.close();
        }
    }
}
