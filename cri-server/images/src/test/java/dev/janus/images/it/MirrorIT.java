package dev.janus.images.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.images.Image;
import dev.janus.images.ImageException;
import dev.janus.images.ImagesConfig;
import dev.janus.images.PlatformRequest;
import dev.janus.images.RegistryAuth;
import dev.janus.images.RegistryHostConfig;
import dev.janus.images.testing.BuiltIndex;
import dev.janus.images.testing.ImageBuilder;
import dev.janus.images.testing.RegistryProxy;
import dev.janus.images.testing.StoreFixture;
import dev.janus.images.testing.TempDirs;
import dev.janus.images.testing.TestImages;
import dev.janus.images.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registry mirrors as critest's offline images need them: {@code registry.k8s.io/x/y} served by
 * a plain-HTTP mirror as {@code /v2/x/y}, docker.io keeping {@code library/}, a mirror under a
 * path prefix, and falling back past a mirror that is down.
 */
class MirrorIT {

    private static TestRegistry registry;
    private static RegistryProxy prefixed;
    private static Path build;
    private static BuiltIndex critestBusybox;

    private StoreFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestRegistry.available() && StoreChecks.isRoot(), "needs docker-registry and root");
        build = Files.createTempDirectory("janus-mirrorit-");
        registry = TestRegistry.start();
        critestBusybox = ImageBuilder.index(false, TestImages.busybox(build));
        registry.pusher().push("e2e-test-images/busybox", "1.29-2", critestBusybox);
        registry.pusher().push("library/busybox", "latest", critestBusybox);
        prefixed = RegistryProxy.inFrontOf(registry).withPrefix("/hub-mirror");
    }

    @AfterAll
    static void stop() {
        if (prefixed != null) {
            prefixed.close();
        }
        if (registry != null) {
            registry.close();
        }
        TempDirs.delete(build);
    }

    @BeforeEach
    void open() {
        String mirror = "http://" + registry.address();
        fixture = new StoreFixture(ImagesConfig.defaults().withRegistries(Map.of(
                "registry.k8s.io", RegistryHostConfig.mirroredBy(mirror),
                "docker.io", RegistryHostConfig.mirroredBy("http://" + prefixed.address() + "/hub-mirror"),
                "gcr.io", RegistryHostConfig.mirroredBy("http://127.0.0.1:1", mirror),
                "quay.io", new RegistryHostConfig(List.of("http://127.0.0.1:1"), null, true, false, null))));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void registryK8sIoIsServedByTheMirrorUnderTheSamePath() {
        Image image = fixture.store().pull("registry.k8s.io/e2e-test-images/busybox:1.29-2", RegistryAuth.NONE,
                PlatformRequest.linux());
        assertEquals(critestBusybox.images().get(0).id(), image.id());
        assertEquals(List.of("registry.k8s.io/e2e-test-images/busybox:1.29-2"), image.repoTags());
        assertEquals(List.of("registry.k8s.io/e2e-test-images/busybox@" + critestBusybox.index().digest()), image.repoDigests(),
                "with a manifest list, the repo digest is the list's");
    }

    @Test
    void dockerHubMirrorKeepsLibraryUnderItsPathPrefix() {
        Image image = fixture.store().pull("busybox", RegistryAuth.NONE, null);
        assertEquals(List.of("docker.io/library/busybox:latest"), image.repoTags());
        assertTrue(prefixed.requests().contains("GET /v2/library/busybox/manifests/latest"), prefixed.requests().toString());
        assertTrue(fixture.store().resolve("busybox:latest", null).isPresent());
        assertTrue(fixture.store().resolve("docker.io/library/busybox", null).isPresent());
    }

    @Test
    void fallsBackPastAMirrorThatIsDown() {
        long start = System.nanoTime();
        Image image = fixture.store().pull("gcr.io/e2e-test-images/busybox:1.29-2", RegistryAuth.NONE, null);
        assertEquals(List.of("gcr.io/e2e-test-images/busybox:1.29-2"), image.repoTags());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "a refused connection is not retried for long");
    }

    @Test
    void withoutUpstreamFallbackTheErrorNamesWhatWasTried() {
        ImageException e = assertThrows(ImageException.class,
                () -> fixture.store().pull("quay.io/x/y:1", RegistryAuth.NONE, null));
        assertEquals(ImageException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("tried http://127.0.0.1:1"), e.getMessage());
    }
}
