package dev.janus.e2e.bench;

import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.ExecSyncRequest;
import dev.janus.cri.api.ExecSyncResponse;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StopPodSandboxRequest;
import dev.janus.e2e.CriClient;
import dev.janus.e2e.UvmImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ExecSync latency as an exec probe sees it: the same probe command in a runc pod and in
 * linux-vm pods, on a quiet host and with two busy loops on its cores (a busy node). The VM pods
 * run with TCG's default CPU model ({@code qemu64}) and with {@code max}, the lever measured side
 * by side. Calls go round-robin over the pods, so noise falls on all alike. Prints p50, p99 and
 * max per pod and the ratio to runc. Run as root: {@code e2e/bench/exec-latency.sh [EXECS]}.
 */
public final class ExecLatencyBenchmark {

    private static final String CONFIG = """
            runtimes:
              runc: {backend: oci, options: {runtime: runc}}
              linux-vm: {backend: uvm}
              linux-vm-cpu-max: {backend: uvm, options: {tcgCpu: max}}
            """;
    private static final List<String> HANDLERS = List.of("runc", "linux-vm", "linux-vm-cpu-max");
    private static final List<String> PROBE = List.of("cat", "/etc/hostname");
    private static final long PROBE_TIMEOUT_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        Path top = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int execs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Optional<String> problem = UvmImage.build(top);
        if (problem.isPresent()) {
            System.err.println(problem.get());
            System.exit(2);
        }
        try (BenchJanusd bench = BenchJanusd.start(top, "execbench", CONFIG, "jexbench0", "10.215.33.0/24");
                CriClient cri = new CriClient(bench.janusd.socket())) {
            run(cri, bench.image, bench.work, execs);
        }
    }

    private static void run(CriClient cri, String image, Path work, int execs) throws Exception {
        cri.images().pullImage(PullImageRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(image)).build());
        Map<String, String> containers = new LinkedHashMap<>();
        List<String> pods = new ArrayList<>();
        try {
            for (String handler : HANDLERS) {
                PodSandboxConfig pod = BenchPods.pod(handler, work);
                String podId = cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(pod)
                        .setRuntimeHandler(handler).build()).getPodSandboxId();
                pods.add(podId);
                String id = cri.runtime().createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(podId)
                        .setSandboxConfig(pod).setConfig(BenchPods.container(handler, image, List.of("sleep", "3600")))
                        .build()).getContainerId();
                cri.runtime().startContainer(StartContainerRequest.newBuilder().setContainerId(id).build());
                containers.put(handler, id);
            }
            Latencies latencies = new Latencies();
            round(cri, containers, new Latencies(), "warm-up", 5);
            round(cri, containers, latencies, "quiet", execs);
            List<Process> loops = busyLoops(2);
            try {
                round(cri, containers, latencies, "2 busy loops", execs);
            } finally {
                loops.forEach(Process::destroyForcibly);
            }
            print(latencies, execs);
        } finally {
            for (String podId : pods) {
                cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
                cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build());
            }
        }
    }

    private static void round(CriClient cri, Map<String, String> containers, Latencies latencies, String load,
            int execs) {
        for (int i = 0; i < execs; i++) {
            for (var entry : containers.entrySet()) {
                ExecSyncResponse response = latencies.time(entry.getKey() + " " + load, () -> cri.runtime().execSync(
                        ExecSyncRequest.newBuilder().setContainerId(entry.getValue()).addAllCmd(PROBE)
                                .setTimeout(PROBE_TIMEOUT_SECONDS).build()));
                if (response.getExitCode() != 0) {
                    throw new IllegalStateException(entry.getKey() + ": the probe exited " + response.getExitCode()
                            + ": " + response.getStderr().toStringUtf8());
                }
            }
        }
    }

    private static List<Process> busyLoops(int count) throws Exception {
        List<Process> loops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            loops.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
        }
        return loops;
    }

    private static void print(Latencies latencies, int execs) {
        System.out.printf("%nExecSync %s, %d calls per pod and load, ms (ratio to runc):%n", String.join(" ", PROBE),
                execs);
        System.out.printf("  %-32s %16s %16s %10s%n", "pod, load", "p50", "p99", "max");
        for (String load : List.of("quiet", "2 busy loops")) {
            double runc50 = latencies.percentileMillis("runc " + load, 50);
            double runc99 = latencies.percentileMillis("runc " + load, 99);
            for (String handler : HANDLERS) {
                String call = handler + " " + load;
                double p50 = latencies.percentileMillis(call, 50);
                double p99 = latencies.percentileMillis(call, 99);
                System.out.printf("  %-32s %7.1f (%5.1fx) %7.1f (%5.1fx) %10.1f%n", call, p50, p50 / runc50, p99,
                        p99 / runc99, latencies.percentileMillis(call, 100));
            }
        }
    }
}
