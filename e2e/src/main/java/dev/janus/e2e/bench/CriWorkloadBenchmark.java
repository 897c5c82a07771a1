package dev.janus.e2e.bench;

import dev.janus.cri.api.ContainerConfig;
import dev.janus.cri.api.ContainerMetadata;
import dev.janus.cri.api.ContainerStatusRequest;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.LinuxPodSandboxConfig;
import dev.janus.cri.api.ListContainersRequest;
import dev.janus.cri.api.ListPodSandboxRequest;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxMetadata;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemoveContainerRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StopContainerRequest;
import dev.janus.cri.api.StopPodSandboxRequest;
import dev.janus.e2e.CriClient;
import dev.janus.e2e.JanusdProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The spine's CRI workload against janusd and Debian's containerd side by side, in one run:
 * sequential pod + container lifecycles (the two daemons take turns, so drift of this shared
 * machine hits both), then 100 pods held while the list and status calls are timed. Prints
 * p50/p90 per call, the Janus/containerd ratio, and each daemon's RSS idle and with 100 pods.
 *
 * <p>Run by hand as root with the offline registry of ../shared/critest-images running:
 * {@code e2e/bench/cri-workload.sh}.
 */
public final class CriWorkloadBenchmark {

    private static final String IMAGE = "registry.k8s.io/e2e-test-images/busybox:1.29-2";
    private static final List<String> LIFECYCLE = List.of("RunPodSandbox", "CreateContainer", "StartContainer",
            "ContainerStatus", "StopContainer", "RemoveContainer", "StopPodSandbox", "RemovePodSandbox");
    private static final int LIST_ROUNDS = 1000;
    private static final List<String> LISTS = List.of("ListPodSandbox", "ListContainers", "ContainerStatus@100");

    private record Target(String name, CriClient cri, long pid, String helperExecutable, Latencies latencies) {
    }

    public static void main(String[] args) throws Exception {
        Path top = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int lifecycles = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int pods = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        String registry = args.length > 3 ? args[3] : "127.0.0.1:5123";
        Path work = Files.createTempDirectory("janus-bench-");

        JanusdProcess janusd = new JanusdProcess(top, work.resolve("janusd"), List.of(
                "--config", top.resolve("e2e/critest/janusd.yaml").toString(),
                "--cni-conf-dir", network(work.resolve("net-janus"), "jbench0", "10.216.0.0/16").toString(),
                "--cni-bin-dir", "/usr/lib/cni")).start();
        Containerd containerd = Containerd.start(work.resolve("containerd"),
                network(work.resolve("net-containerd"), "cbench0", "10.217.0.0/16"), registry);
        try (CriClient janus = new CriClient(janusd.socket()); CriClient ctrd = new CriClient(containerd.socket())) {
            List<Target> targets = List.of(
                    new Target("janus", janus, janusd.pid(), "/usr/bin/conmon", new Latencies()),
                    new Target("containerd", ctrd, containerd.pid(), "/usr/bin/containerd-shim-runc-v2", new Latencies()));
            for (Target t : targets) {
                t.cri().images().pullImage(PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(IMAGE)).build());
                for (int i = 0; i < 3; i++) {
                    lifecycle(t, new Latencies(), work, "warmup-" + i);
                }
            }
            for (int i = 0; i < lifecycles; i++) {
                for (Target t : targets) {
                    lifecycle(t, t.latencies(), work, "life-" + i);
                }
            }
            long[] idleRss = targets.stream().mapToLong(t -> ProcessMemory.rssKb(t.pid())).toArray();
            List<List<String>> held = new ArrayList<>();
            for (Target t : targets) {
                held.add(holdPods(t, pods, work));
            }
            // enough rounds that p99 is not just the worst two samples
            for (int round = 0; round < LIST_ROUNDS; round++) {
                for (int i = 0; i < targets.size(); i++) {
                    timeLists(targets.get(i), held.get(i), new Random(round));
                }
            }
            long[] loadedRss = targets.stream().mapToLong(t -> ProcessMemory.rssKb(t.pid())).toArray();
            long[] helperRss = targets.stream().mapToLong(t -> ProcessMemory.totalRssKb(t.helperExecutable())).toArray();
            report(targets, lifecycles, pods, idleRss, loadedRss, helperRss);
            for (Target t : targets) {
                for (var pod : t.cri().runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList()) {
                    t.cri().runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(pod.getId()).build());
                }
            }
        } finally {
            containerd.close();
            janusd.close();
            new ProcessBuilder("sh", "-c", "ip link del jbench0; ip link del cbench0").start().waitFor();
        }
    }

    private static void lifecycle(Target t, Latencies l, Path work, String name) {
        var rt = t.cri().runtime();
        PodSandboxConfig pod = pod(name, work);
        String podId = l.time("RunPodSandbox", () -> rt.runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod).build()))
                .getPodSandboxId();
        String id = l.time("CreateContainer", () -> rt.createContainer(CreateContainerRequest.newBuilder()
                .setPodSandboxId(podId).setSandboxConfig(pod).setConfig(container("c", "sleep", "3600")).build()))
                .getContainerId();
        l.time("StartContainer", () -> rt.startContainer(StartContainerRequest.newBuilder().setContainerId(id).build()));
        l.time("ContainerStatus", () -> rt.containerStatus(ContainerStatusRequest.newBuilder().setContainerId(id).build()));
        l.time("StopContainer", () -> rt.stopContainer(StopContainerRequest.newBuilder().setContainerId(id).setTimeout(0).build()));
        l.time("RemoveContainer", () -> rt.removeContainer(RemoveContainerRequest.newBuilder().setContainerId(id).build()));
        l.time("StopPodSandbox", () -> rt.stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(podId).build()));
        l.time("RemovePodSandbox", () -> rt.removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build()));
    }

    private static List<String> holdPods(Target t, int count, Path work) {
        List<String> containers = new ArrayList<>();
        var rt = t.cri().runtime();
        for (int i = 0; i < count; i++) {
            PodSandboxConfig pod = pod("held-" + i, work);
            String podId = rt.runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod).build()).getPodSandboxId();
            String id = rt.createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(podId).setSandboxConfig(pod)
                    .setConfig(container("c", "sleep", "3600")).build()).getContainerId();
            rt.startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
            containers.add(id);
        }
        return containers;
    }

    private static void timeLists(Target t, List<String> containers, Random random) {
        var rt = t.cri().runtime();
        Latencies l = t.latencies();
        l.time("ListPodSandbox", () -> rt.listPodSandbox(ListPodSandboxRequest.getDefaultInstance()));
        l.time("ListContainers", () -> rt.listContainers(ListContainersRequest.getDefaultInstance()));
        String id = containers.get(random.nextInt(containers.size()));
        l.time("ContainerStatus@100", () -> rt.containerStatus(ContainerStatusRequest.newBuilder().setContainerId(id).build()));
    }

    private static void report(List<Target> targets, int lifecycles, int pods, long[] idle, long[] loaded, long[] helpers) {
        Latencies janus = targets.get(0).latencies();
        Latencies ctrd = targets.get(1).latencies();
        System.out.printf("%n%d pod+container lifecycles each, then %d pods held (ms)%n", lifecycles, pods);
        System.out.printf("%-22s %9s %9s %9s | %9s %9s %9s | %7s%n", "call", "janus p50", "p90", "p99",
                "ctrd p50", "p90", "p99", "p50 j/c");
        List<String> calls = new ArrayList<>(LIFECYCLE);
        calls.addAll(LISTS);
        for (String call : calls) {
            double j50 = janus.percentileMillis(call, 50);
            double c50 = ctrd.percentileMillis(call, 50);
            System.out.printf("%-22s %9.2f %9.2f %9.2f | %9.2f %9.2f %9.2f | %7.2f%n", call, j50,
                    janus.percentileMillis(call, 90), janus.percentileMillis(call, 99), c50,
                    ctrd.percentileMillis(call, 90), ctrd.percentileMillis(call, 99), j50 / c50);
        }
        System.out.printf("%nRSS (MiB)            %9s %9s%n", "janusd", "containerd");
        System.out.printf("idle                 %9.1f %9.1f%n", idle[0] / 1024.0, idle[1] / 1024.0);
        System.out.printf("with %d pods        %9.1f %9.1f%n", pods, loaded[0] / 1024.0, loaded[1] / 1024.0);
        System.out.printf("monitors (%d pods)  %9.1f %9.1f   (conmon per container and pause; shim per pod)%n",
                pods, helpers[0] / 1024.0, helpers[1] / 1024.0);
    }

    private static Path network(Path dir, String bridge, String subnet) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("10-bench.conflist"), """
                {"cniVersion": "1.0.0", "name": "%1$s", "plugins": [
                  {"type": "bridge", "bridge": "%1$s", "isGateway": true, "ipMasq": true,
                   "ipam": {"type": "host-local", "ranges": [[{"subnet": "%2$s"}]], "routes": [{"dst": "0.0.0.0/0"}]}},
                  {"type": "portmap", "capabilities": {"portMappings": true}, "snat": true}]}
                """.formatted(bridge, subnet));
        return dir;
    }

    private static PodSandboxConfig pod(String name, Path work) {
        String uid = UUID.randomUUID().toString();
        return PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setName(name).setNamespace("bench").setUid(uid))
                .setHostname(name)
                .setLogDirectory(work.resolve("logs").resolve(uid).toString())
                .setLinux(LinuxPodSandboxConfig.getDefaultInstance())
                .build();
    }

    private static ContainerConfig container(String name, String... command) {
        return ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName(name))
                .setImage(ImageSpec.newBuilder().setImage(IMAGE))
                .addAllCommand(List.of(command))
                .setLogPath(name + ".log")
                .build();
    }
}
