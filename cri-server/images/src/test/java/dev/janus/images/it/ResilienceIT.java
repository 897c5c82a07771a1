package dev.janus.images.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.images.Image;
import dev.janus.images.ImageException;
import dev.janus.images.ImagesConfig;
import dev.janus.images.RegistryAuth;
import dev.janus.images.RetryConfig;
import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.Compression;
import dev.janus.images.testing.ImageBuilder;
import dev.janus.images.testing.Layer;
import dev.janus.images.testing.LayerBuilder;
import dev.janus.images.testing.RandomContent;
import dev.janus.images.testing.RegistryProxy;
import dev.janus.images.testing.StoreFixture;
import dev.janus.images.testing.TempDirs;
import dev.janus.images.testing.TestImages;
import dev.janus.images.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures on the way: 5xx answers, a layer whose connection breaks mid-body, concurrent pulls
 * sharing layers, and a janusd killed with SIGKILL in the middle of a pull.
 */
class ResilienceIT {

    private static TestRegistry registry;
    private static RegistryProxy proxy;
    private static Path build;
    private static BuiltImage big;
    private static BuiltImage withA;
    private static BuiltImage withB;

    private StoreFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestRegistry.available() && StoreChecks.isRoot(), "needs docker-registry and root");
        build = Files.createTempDirectory("janus-resilienceit-");
        registry = TestRegistry.start();
        proxy = RegistryProxy.inFrontOf(registry);
        Layer base = TestImages.busyboxLayer(build, Compression.GZIP);
        big = ImageBuilder.oci().layer(base)
                .layer(RandomContent.layer(build, Compression.GZIP, "data/one", 8 << 20, 1))
                .layer(RandomContent.layer(build, Compression.GZIP, "data/two", 8 << 20, 2)).build();
        withA = ImageBuilder.oci().layer(base)
                .layer(LayerBuilder.create(build, Compression.GZIP).file("a", "a\n").build()).build();
        withB = ImageBuilder.oci().layer(base)
                .layer(LayerBuilder.create(build, Compression.GZIP).file("b", "b\n").build()).build();
        registry.pusher().push("r/big", "1", big);
        registry.pusher().push("r/a", "1", withA);
        registry.pusher().push("r/b", "1", withB);
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
        TempDirs.delete(build);
    }

    @BeforeEach
    void open() {
        fixture = new StoreFixture(ImagesConfig.defaults().withRetry(new RetryConfig(4, 50, 200)));
        proxy.throttle(0);
    }

    @AfterEach
    void close() {
        proxy.fail(p -> false, 0, 503);
        proxy.breakBlobs(0, 0);
        proxy.throttle(0);
        fixture.close();
    }

    private String ref(String repo) {
        return proxy.address() + "/" + repo + ":1";
    }

    @Test
    void retriesServerErrors() {
        int before = proxy.requests().size();
        proxy.fail(p -> p.contains("/manifests/") || p.contains("/blobs/"), 3, 503);
        assertEquals(withA.id(), fixture.store().pull(ref("r/a"), RegistryAuth.NONE, null).id());
        assertTrue(proxy.requests().size() - before >= 3 + 4, "the failed requests were repeated");
        proxy.fail(p -> p.contains("/manifests/"), 100, 502);
        ImageException e = assertThrows(ImageException.class, () -> fixture.store().pull(ref("r/b"), RegistryAuth.NONE, null));
        assertEquals(ImageException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("502"), e.getMessage());
    }

    @Test
    void resumesALayerWhoseConnectionBreaks() throws Exception {
        proxy.breakBlobs(2, 3 << 20);
        Image image = fixture.store().pull(ref("r/big"), RegistryAuth.NONE, null);
        assertEquals(big.id(), image.id());
        assertTrue(proxy.requests().stream().anyMatch(r -> r.contains("bytes=" + (3 << 20) + "-")),
                "resumed with a range request: " + proxy.requests());
        List<Path> layers = fixture.store().acquireLayers(image.id(), "c");
        assertEquals(8 << 20, Files.size(layers.get(0).resolve("data/two")));
        StoreChecks.noPartialState(fixture);
    }

    @Test
    void concurrentPullsDownloadEachBlobOnce() throws Exception {
        proxy.throttle(2 << 20);
        String baseLayer = "/blobs/" + withA.layers().get(0).blob().digest();
        long before = proxy.count(r -> r.startsWith("GET") && r.endsWith(baseLayer));
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<Image>> pulls = new ArrayList<>();
            for (String repo : List.of("r/a", "r/a", "r/b")) {
                pulls.add(pool.submit(() -> fixture.store().pull(ref(repo), RegistryAuth.NONE, null)));
            }
            assertEquals(withA.id(), pulls.get(0).get().id());
            assertEquals(withA.id(), pulls.get(1).get().id());
            assertEquals(withB.id(), pulls.get(2).get().id());
        }
        assertEquals(1, proxy.count(r -> r.startsWith("GET") && r.endsWith(baseLayer)) - before);
        assertEquals(3, StoreChecks.names(fixture.root().resolve("snapshots")).size(), "base, a, b");
        StoreChecks.noPartialState(fixture);
    }

    @Test
    void aKilledPullLeavesAConsistentStore() throws Exception {
        proxy.throttle(4 << 20);
        fixture.suspend();
        Path log = build.resolve("child.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), PullInChild.class.getName(),
                fixture.root().toString(), fixture.mvStoreFile().toString(), ref("r/a"), ref("r/big"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("pulled " + ref("r/a"))
                    || StoreChecks.names(fixture.root().resolve("content/ingest")).isEmpty()) {
                assertTrue(child.isAlive(), "child ended early: " + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "child made no progress: " + Files.readString(log));
                Thread.sleep(20);
            }
            Thread.sleep(500);
        } finally {
            child.destroyForcibly().waitFor(); // SIGKILL, as kill -9
        }
        proxy.throttle(0);
        fixture.reopen();
        assertEquals(List.of(withA.id()), fixture.store().list().stream().map(Image::id).toList(),
                "the finished pull survives, the killed one left no image");
        StoreChecks.noPartialState(fixture);
        assertEquals(big.id(), fixture.store().pull(ref("r/big"), RegistryAuth.NONE, null).id());
        StoreChecks.noPartialState(fixture);
    }
}
