package dev.janus.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StopPodSandboxRequest;
import dev.janus.e2e.CriClient;
import dev.janus.e2e.JanusdProcess;
import dev.janus.e2e.UvmImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long a linux-vm pod takes to start, phase by phase (VM process started, first console
 * output, init, agent started, agent ready, agent connected, guest configured, container created,
 * container started), the same calls for a runc pod, and what a VM pod costs the host in memory
 * (QEMU's RSS; the guest agent's RSS as its HELLO reports it). With TCG, and with KVM when the
 * KVM probe says it works. Pods run one at a time. Run as root: {@code e2e/bench/vm-pod-start.sh}.
 */
public final class VmPodStartBenchmark {

    private static final String CONFIG = """
            runtimes:
              runc: {backend: oci, options: {runtime: runc}}
              linux-vm: {backend: uvm}
              linux-vm-tcg: {backend: uvm, options: {accel: tcg}}
            """;
    private static final long SETTLE_MILLIS = 20_000;

    private final JanusdProcess janusd;
    private final String image;
    private final Path work;

    private VmPodStartBenchmark(JanusdProcess janusd, String image, Path work) {
        this.janusd = janusd;
        this.image = image;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path top = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int vmRuns = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int runcRuns = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Optional<String> problem = UvmImage.build(top);
        if (problem.isPresent()) {
            System.err.println(problem.get());
            System.exit(2);
        }
        try (BenchJanusd bench = BenchJanusd.start(top, "vmbench", CONFIG, "jvmbench0", "10.215.32.0/24")) {
            new VmPodStartBenchmark(bench.janusd, bench.image, bench.work).run(vmRuns, runcRuns);
        }
    }

    private void run(int vmRuns, int runcRuns) throws Exception {
        try (CriClient cri = new CriClient(janusd.socket())) {
            cri.images().pullImage(PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(image)).build());
            start(cri, "runc", "warmup"); // janusd's first calls load classes: not part of a pod's start
            List<PodStart> runc = new ArrayList<>();
            for (int i = 0; i < runcRuns; i++) {
                runc.add(start(cri, "runc", "runc-" + i));
            }
            List<PodStart> vm = new ArrayList<>();
            for (int i = 0; i < vmRuns; i++) {
                vm.add(start(cri, "linux-vm", "vm-" + i));
            }
            BenchReport.print("linux-vm", vm);
            if (vm.getFirst().accel().equals("kvm")) {
                List<PodStart> tcg = new ArrayList<>();
                for (int i = 0; i < vmRuns; i++) {
                    tcg.add(start(cri, "linux-vm-tcg", "tcg-" + i));
                }
                BenchReport.print("linux-vm-tcg", tcg);
            } else {
                System.out.println("KVM: not measured: the KVM probe says " + vm.getFirst().accelReason());
            }
            BenchReport.print("runc", runc);
        }
    }

    /** One pod with one container (sleeping), timed from RunPodSandbox; then stopped and removed. */
    private PodStart start(CriClient cri, String handler, String name) throws Exception {
        PodSandboxConfig pod = BenchPods.pod(name, work);
        long t0 = System.currentTimeMillis();
        long t0Nanos = System.nanoTime();
        String podId = cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod)
                .setRuntimeHandler(handler).build()).getPodSandboxId();
        long ran = millisSince(t0Nanos);
        String containerId = cri.runtime().createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(podId)
                .setSandboxConfig(pod).setConfig(BenchPods.container(name, image, List.of("sleep", "3600"))).build())
                .getContainerId();
        long created = millisSince(t0Nanos);
        cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(containerId).build());
        long started = millisSince(t0Nanos);
        PodStart result;
        if (handler.equals("runc")) {
            result = PodStart.runc(calls(new LinkedHashMap<>(), ran, created, started));
        } else {
            Path vmDir = janusd.state().resolve("uvm").resolve(handler).resolve(podId.substring(0, 16));
            JsonNode boot = PodStart.readBoot(vmDir);
            long qemu = boot.path("hypervisorPid").asLong();
            long rssStarted = ProcessMemory.rssKb(qemu);
            long cpuBefore = ProcessCpu.millis(qemu);
            Thread.sleep(SETTLE_MILLIS);
            long idleMillicores = (ProcessCpu.millis(qemu) - cpuBefore) * 1000 / SETTLE_MILLIS;
            result = new PodStart(calls(PodStart.vmPhases(boot, t0), ran, created, started),
                    boot.path("accel").asText(), boot.path("accelReason").asText(), rssStarted,
                    ProcessMemory.rssKb(qemu), idleMillicores, boot.path("agentRssAtReadyBytes").asLong(),
                    boot.path("agentRssBytes").asLong());
        }
        cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
        cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
        return result;
    }

    private static Map<String, Long> calls(Map<String, Long> phases, long ran, long created, long started) {
        phases.put("RunPodSandbox returned", ran);
        phases.put("container created", created);
        phases.put("container started", started);
        return phases;
    }

    private static long millisSince(long t0Nanos) {
        return (System.nanoTime() - t0Nanos) / 1_000_000;
    }
}
