package dev.janus.e2e.bench;

import dev.janus.e2e.JanusdProcess;
import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.TestImages;
import dev.janus.images.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's own janusd: a work directory, a local registry holding a busybox image, a
 * bridge network of its own and janusd on them; closing stops janusd, drops the bridge and
 * stops the registry.
 */
final class BenchJanusd implements AutoCloseable {

    final Path work;
    final JanusdProcess janusd;
    /** The busybox image in the local registry. */
    final String image;
    private final TestRegistry registry;
    private final String bridge;

    private BenchJanusd(Path work, TestRegistry registry, JanusdProcess janusd, String image, String bridge) {
        this.work = work;
        this.registry = registry;
        this.janusd = janusd;
        this.image = image;
        this.bridge = bridge;
    }

    /** @param config janusd's YAML config, or null for its defaults */
    static BenchJanusd start(Path top, String name, String config, String bridge, String subnet) throws Exception {
        Path work = Files.createTempDirectory("janus-" + name + "-");
        TestRegistry registry = TestRegistry.start();
        try {
            registry.pusher().push("bench/busybox", "1", TestImages.busybox(work.resolve("image")));
            List<String> args = new ArrayList<>(List.of(
                    "--cni-conf-dir", BenchPods.network(work.resolve("net.d"), bridge, subnet).toString(),
                    "--cni-bin-dir", "/usr/lib/cni"));
            if (config != null) {
                Files.writeString(work.resolve("janusd.yaml"), config);
                args.addAll(List.of("--config", work.resolve("janusd.yaml").toString()));
            }
            JanusdProcess janusd = new JanusdProcess(top, work.resolve("janusd"), args).start();
            return new BenchJanusd(work, registry, janusd, registry.address() + "/bench/busybox:1", bridge);
        } catch (Exception e) {
            registry.close();
            throw e;
        }
    }

    /** Pushes another image to the benchmark's registry; returns its reference. */
    String push(String repo, BuiltImage image) {
        registry.pusher().push(repo, "1", image);
        return registry.address() + "/" + repo + ":1";
    }

    @Override
    public void close() throws Exception {
        try {
            janusd.stop();
            new ProcessBuilder("ip", "link", "delete", bridge).start().waitFor();
        } finally {
            registry.close();
        }
    }
}
