package dev.janus.images.bench;

import dev.janus.images.Image;
import dev.janus.images.ImageStore;
import dev.janus.images.ImageStores;
import dev.janus.images.ImagesConfig;
import dev.janus.images.PlatformRequest;
import dev.janus.images.RegistryAuth;
import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.Compression;
import dev.janus.images.testing.ImageBuilder;
import dev.janus.images.testing.LayerBuilder;
import dev.janus.images.testing.RandomContent;
import dev.janus.images.testing.TempDirs;
import dev.janus.images.testing.TestImages;
import dev.janus.images.testing.TestRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVStore;

/**
 * Cold pulls of a ~200 MB, 5-layer image from a local registry: Janus's ImageStore against
 * containerd's {@code ctr images pull --plain-http}, alternating, 5 each (fresh store and fresh
 * containerd every time, timing the pull only). Prints both medians, their ratio and the peak
 * heap of the Janus pulls. Run it with {@code -Xmx64m} to show the pull fits in 64 MB.
 *
 * <pre>java -Xmx64m -cp ... dev.janus.images.bench.PullBenchmark [runs] [layerMiB]</pre>
 */
public final class PullBenchmark {

    private PullBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int layerMiB = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Path work = Files.createTempDirectory("janus-bench-");
        try (TestRegistry registry = TestRegistry.start()) {
            BuiltImage image = build(work.resolve("build"), layerMiB);
            registry.pusher().push("bench/big", "1", image);
            long total = image.layers().stream().mapToLong(l -> l.blob().size()).sum();
            System.out.printf("image: %d layers, %.1f MB compressed%n", image.layers().size(), total / 1e6);
            String ref = registry.address() + "/bench/big:1";
            List<Long> janus = new ArrayList<>();
            List<Long> ctr = new ArrayList<>();
            long peakHeap = 0;
            for (int run = 1; run <= runs; run++) {
                long[] janusRun = janusPull(ref, work.resolve("janus-" + run));
                janus.add(janusRun[0]);
                peakHeap = Math.max(peakHeap, janusRun[1]);
                ctr.add(ctrPull(ref, work.resolve("containerd-" + run)));
                System.out.printf("run %d: janus %d ms (peak heap %.1f MB), ctr %d ms%n", run, janusRun[0] / 1_000_000,
                        janusRun[1] / 1e6, ctr.get(ctr.size() - 1) / 1_000_000);
            }
            double janusMedian = median(janus) / 1e6;
            double ctrMedian = median(ctr) / 1e6;
            System.out.printf("median: janus %.0f ms, ctr %.0f ms, janus/ctr %.2f%n", janusMedian, ctrMedian, janusMedian / ctrMedian);
            System.out.printf("peak heap of janus pulls: %.1f MB (max heap %d MB)%n", peakHeap / 1e6,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            TempDirs.delete(work);
        }
    }

    /** Five layers of busybox plus incompressible data, gzip as registries serve them. */
    private static BuiltImage build(Path dir, int layerMiB) {
        ImageBuilder image = ImageBuilder.docker();
        for (int i = 0; i < 5; i++) {
            long size = (long) layerMiB << 20;
            image.layer(LayerBuilder.create(dir, Compression.GZIP)
                    .dir("bin").copy("bin/busybox-" + i, TestImages.BUSYBOX, 0755)
                    .dir("data").file("data/random-" + i, size, new RandomContent(size, i), 0644)
                    .build());
        }
        return image.build();
    }

    /** Returns {elapsed nanos, peak heap bytes}. */
    private static long[] janusPull(String ref, Path dir) throws Exception {
        Files.createDirectories(dir);
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        MVStore mv = new MVStore.Builder().fileName(dir.resolve("meta.mv.db").toString()).open();
        long start = System.nanoTime();
        try (ImageStore store = ImageStores.open(ImagesConfig.defaults(), dir.resolve("root"), mv)) {
            Image image = store.pull(ref, RegistryAuth.NONE, PlatformRequest.linux());
            long elapsed = System.nanoTime() - start;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            if (!image.unpacked()) {
                throw new IllegalStateException("not unpacked");
            }
            return new long[] {elapsed, peak};
        } finally {
            mv.close();
            TempDirs.delete(dir);
        }
    }

    private static long ctrPull(String ref, Path dir) throws Exception {
        try (Containerd containerd = Containerd.start(dir)) {
            long start = System.nanoTime();
            containerd.ctr("images", "pull", "--plain-http", ref);
            long elapsed = System.nanoTime() - start;
            containerd.ctr("images", "rm", "--sync", ref);
            return elapsed;
        } finally {
            TempDirs.delete(dir);
        }
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
