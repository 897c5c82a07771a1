package dev.janus.e2e.bench;

import dev.janus.cri.api.ContainerStatusRequest;
import dev.janus.cri.api.CreateContainerRequest;
import dev.janus.cri.api.ExecRequest;
import dev.janus.cri.api.ExecSyncRequest;
import dev.janus.cri.api.ImageSpec;
import dev.janus.cri.api.ListContainersRequest;
import dev.janus.cri.api.ListPodSandboxRequest;
import dev.janus.cri.api.PodSandbox;
import dev.janus.cri.api.PodSandboxConfig;
import dev.janus.cri.api.PodSandboxFilter;
import dev.janus.cri.api.PodSandboxStatusRequest;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.RemoveContainerRequest;
import dev.janus.cri.api.RemovePodSandboxRequest;
import dev.janus.cri.api.ReopenContainerLogRequest;
import dev.janus.cri.api.RunPodSandboxRequest;
import dev.janus.cri.api.StartContainerRequest;
import dev.janus.cri.api.StopContainerRequest;
import dev.janus.cri.api.StopPodSandboxRequest;
import dev.janus.e2e.CriClient;
import dev.janus.e2e.JanusdProcess;
import dev.janus.e2e.streaming.RemoteCommandClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The soak: N concurrent CRI clients (32 by default) for M minutes (10), each looping a pod's
 * whole life with ExecSync, a streaming exec, status and list calls, ReopenContainerLog and
 * pulls, while janusd is killed with SIGKILL and started again twice (at a third and two
 * thirds of the run). Prints the errors by call and code, split into those a restart explains
 * (UNAVAILABLE while janusd was down, and shortly after) and the rest, which should be none;
 * p50 and p99 per call; janusd's RSS and threads every 30 s. Run as root:
 * {@code e2e/bench/soak.sh [MINUTES [CLIENTS]]}.
 */
public final class SoakBenchmark {

    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration SAMPLE = Duration.ofSeconds(30);

    private final JanusdProcess janusd;
    private final CriClient cri;
    private final String image;
    private final Path work;
    private final Map<String, List<Long>> micros = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> expected = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
    private final List<String> unexpectedSamples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong lifecycles = new AtomicLong();
    /** Until when (nanoTime) an error is explained by a restart; 0 when none is under way. */
    private volatile long restartWindowEnd;
    private volatile boolean restarting;

    private SoakBenchmark(JanusdProcess janusd, CriClient cri, String image, Path work) {
        this.janusd = janusd;
        this.cri = cri;
        this.image = image;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path top = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        try (BenchJanusd bench = BenchJanusd.start(top, "soak", null, "jsoak0", "10.217.0.0/16");
                CriClient cri = new CriClient(bench.janusd.socket())) {
            new SoakBenchmark(bench.janusd, cri, bench.image, bench.work).run(Duration.ofMinutes(minutes), clients);
        }
    }

    private void run(Duration length, int clients) throws Exception {
        cri.images().pullImage(PullImageRequest.newBuilder().setImage(imageSpec()).build());
        long end = System.nanoTime() + length.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            int worker = i;
            Thread.ofVirtual().name("soak-" + i).start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        lifecycle(worker);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        List<String> samples = new ArrayList<>();
        long start = System.nanoTime();
        long nextSample = start;
        int restarts = 0;
        while (done.getCount() > 0) {
            long now = System.nanoTime();
            if (now >= nextSample) {
                samples.add(sample(now - start));
                System.out.println(samples.getLast());
                nextSample += SAMPLE.toNanos();
            }
            if (restarts < 2 && now - start > length.toNanos() * (restarts + 1) / 3) {
                restarts++;
                restart(restarts);
            }
            Thread.sleep(200);
        }
        print(samples, length, clients);
    }

    /** kill -9, start again at once; errors until a moment after it answers are the restart's. */
    private void restart(int n) throws Exception {
        restarting = true;
        restartWindowEnd = Long.MAX_VALUE;
        janusd.kill9();
        long killed = System.nanoTime();
        janusd.start();
        cri.channel().resetConnectBackoff();
        System.out.printf("restart %d: janusd killed and answering again after %d ms%n", n,
                (System.nanoTime() - killed) / 1_000_000);
        restartWindowEnd = System.nanoTime() + GRACE.toNanos();
        restarting = false;
    }

    /** One pod's life; whatever fails is counted, and the pod is removed once janusd answers. */
    private void lifecycle(int worker) {
        String name = "w" + worker + "-" + lifecycles.incrementAndGet();
        PodSandboxConfig pod = BenchPods.pod(name, work).toBuilder().putLabels("soak-worker", "w" + worker).build();
        String podId = null;
        try {
            podId = call("RunPodSandbox", () -> cri.runtime().runPodSandbox(RunPodSandboxRequest.newBuilder()
                    .setConfig(pod).build()).getPodSandboxId());
            String sandbox = podId;
            String id = call("CreateContainer", () -> cri.runtime().createContainer(CreateContainerRequest.newBuilder()
                    .setPodSandboxId(sandbox).setSandboxConfig(pod).setConfig(BenchPods.container(name, image,
                            List.of("sh", "-c", "while true; do echo tick; sleep 1; done"))).build()).getContainerId());
            call("StartContainer", () -> cri.runtime().startContainer(StartContainerRequest.newBuilder()
                    .setContainerId(id).build()));
            for (int i = 0; i < 3; i++) {
                call("ExecSync", () -> cri.runtime().execSync(ExecSyncRequest.newBuilder().setContainerId(id)
                        .addCmd("echo").addCmd("ok").setTimeout(30).build()));
            }
            call("ContainerStatus", () -> cri.runtime().containerStatus(ContainerStatusRequest.newBuilder()
                    .setContainerId(id).build()));
            call("PodSandboxStatus", () -> cri.runtime().podSandboxStatus(PodSandboxStatusRequest.newBuilder()
                    .setPodSandboxId(sandbox).build()));
            call("ListContainers", () -> cri.runtime().listContainers(ListContainersRequest.getDefaultInstance()));
            call("ListPodSandbox", () -> cri.runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()));
            call("ReopenContainerLog", () -> cri.runtime().reopenContainerLog(ReopenContainerLogRequest.newBuilder()
                    .setContainerId(id).build()));
            if (lifecycles.get() % 4 == 0) {
                call("Exec (streaming)", () -> streamingExec(id));
            }
            if (lifecycles.get() % 8 == 0) {
                call("PullImage", () -> cri.images().pullImage(PullImageRequest.newBuilder().setImage(imageSpec())
                        .build()));
            }
            call("StopContainer", () -> cri.runtime().stopContainer(StopContainerRequest.newBuilder()
                    .setContainerId(id).setTimeout(1).build()));
            call("RemoveContainer", () -> cri.runtime().removeContainer(RemoveContainerRequest.newBuilder()
                    .setContainerId(id).build()));
            call("StopPodSandbox", () -> cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder()
                    .setPodSandboxId(sandbox).build()));
            call("RemovePodSandbox", () -> cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder()
                    .setPodSandboxId(sandbox).build()));
        } catch (StatusRuntimeException | IllegalStateException failed) {
            cleanUp(worker, podId);
        }
    }

    /** After a failure: the worker's pods go, by id or, if RunPodSandbox never answered, by label. */
    private void cleanUp(int worker, String podId) {
        for (int attempt = 0; attempt < 120; attempt++) {
            awaitJanusd();
            try {
                List<String> ids = new ArrayList<>();
                if (podId != null) {
                    ids.add(podId);
                }
                for (PodSandbox pod : call("ListPodSandbox", () -> cri.runtime().listPodSandbox(
                        ListPodSandboxRequest.newBuilder().setFilter(PodSandboxFilter.newBuilder()
                                .putLabelSelector("soak-worker", "w" + worker)).build()).getItemsList())) {
                    ids.add(pod.getId());
                }
                for (String id : ids) {
                    call("RemovePodSandbox", () -> cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder()
                            .setPodSandboxId(id).build()));
                }
                return;
            } catch (StatusRuntimeException again) {
                sleep(Duration.ofMillis(500));
            }
        }
    }

    private Object streamingExec(String id) {
        String url = cri.runtime().exec(ExecRequest.newBuilder().setContainerId(id).addCmd("echo").addCmd("streamed")
                .setStdout(true).build()).getUrl();
        try (var exec = RemoteCommandClient.spdy(url, new RemoteCommandClient.Streams(false, true, false, false),
                RemoteCommandClient.SPDY_PROTOCOLS)) {
            String out = exec.stdout().readAll();
            if (!out.equals("streamed\n") || !exec.status().success()) {
                throw new IllegalStateException("streaming exec said " + out);
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("streaming exec: " + e.getMessage(), e);
        }
    }

    private <T> T call(String name, Supplier<T> action) {
        long t0 = System.nanoTime();
        try {
            T result = action.get();
            micros.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add((System.nanoTime() - t0) / 1000);
            return result;
        } catch (StatusRuntimeException | IllegalStateException e) {
            Status.Code code = e instanceof StatusRuntimeException s ? s.getStatus().getCode() : Status.Code.UNKNOWN;
            boolean restart = (restarting || System.nanoTime() < restartWindowEnd)
                    && (code == Status.Code.UNAVAILABLE || code == Status.Code.CANCELLED);
            String key = name + " " + code;
            (restart ? expected : unexpected).computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
            if (!restart && unexpectedSamples.size() < 20) {
                unexpectedSamples.add(key + ": " + e.getMessage());
            }
            throw e;
        }
    }

    private void awaitJanusd() {
        while (restarting) {
            sleep(Duration.ofMillis(100));
        }
    }

    private String sample(long sinceStart) {
        long pid = janusd.pid();
        long threads = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException gone) {
            // between a kill and the restart
        }
        return String.format("t=%4ds janusd pid %d RSS %d MiB, %d threads, %d lifecycles begun",
                sinceStart / 1_000_000_000L, pid, ProcessMemory.rssKb(pid) / 1024, threads, lifecycles.get());
    }

    private void print(List<String> samples, Duration length, int clients) {
        System.out.printf("%nsoak: %d clients, %d min, %d pod lifecycles begun, janusd killed and restarted twice%n",
                clients, length.toMinutes(), lifecycles.get());
        System.out.printf("%-22s %8s %9s %9s%n", "call", "count", "p50 ms", "p99 ms");
        for (var entry : new TreeMap<>(micros).entrySet()) {
            List<Long> sorted = new ArrayList<>(entry.getValue());
            Collections.sort(sorted);
            System.out.printf("%-22s %8d %9.1f %9.1f%n", entry.getKey(), sorted.size(), pct(sorted, 50) / 1000.0,
                    pct(sorted, 99) / 1000.0);
        }
        System.out.println("errors a restart explains (UNAVAILABLE while janusd was down): " + new TreeMap<>(expected));
        System.out.println("unexpected errors: " + new TreeMap<>(unexpected));
        unexpectedSamples.forEach(s -> System.out.println("  " + s));
        System.out.println("janusd over time:");
        samples.forEach(s -> System.out.println("  " + s));
    }

    private static long pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private ImageSpec imageSpec() {
        return ImageSpec.newBuilder().setImage(image).build();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
