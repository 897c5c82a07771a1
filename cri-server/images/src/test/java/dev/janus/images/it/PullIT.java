package dev.janus.images.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.images.Image;
import dev.janus.images.ImageException;
import dev.janus.images.ImageStore;
import dev.janus.images.ImagesConfig;
import dev.janus.images.PlatformRequest;
import dev.janus.images.RegistryAuth;
import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.StoreFixture;
import dev.janus.images.testing.TestImages;
import dev.janus.images.testing.TempDirs;
import dev.janus.images.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from a real docker-registry: busybox, a multi-layer image with whiteouts, zstd layers. */
class PullIT {

    private static TestRegistry registry;
    private static Path build;
    private static BuiltImage busybox;
    private static BuiltImage multi;
    private static BuiltImage zstd;

    @TempDir
    Path tmp;
    private StoreFixture fixture;
    private ImageStore store;

    @BeforeAll
    static void startRegistry() throws Exception {
        assumeTrue(TestRegistry.available() && StoreChecks.isRoot(), "needs docker-registry and root");
        registry = TestRegistry.start();
        build = Files.createTempDirectory("janus-pullit-");
        busybox = TestImages.busybox(build);
        multi = TestImages.multiLayer(build);
        zstd = TestImages.zstd(build);
        registry.pusher().push("test/busybox", "1.0", busybox);
        registry.pusher().push("test/multi", "latest", multi);
        registry.pusher().push("test/zstd", "latest", zstd);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
        TempDirs.delete(build);
    }

    @BeforeEach
    void open() {
        fixture = new StoreFixture(ImagesConfig.defaults());
        store = fixture.store();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private String ref(String repoAndTag) {
        return registry.address() + "/" + repoAndTag;
    }

    @Test
    void pullsBusyboxAndReportsItAsContainerdDoes() {
        Image image = store.pull(ref("test/busybox:1.0"), RegistryAuth.NONE, PlatformRequest.linux());
        assertEquals(busybox.id(), image.id());
        assertEquals(List.of(ref("test/busybox:1.0")), image.repoTags());
        assertEquals(List.of(ref("test/busybox@" + busybox.manifest().digest())), image.repoDigests());
        long size = busybox.manifest().size() + busybox.config().size()
                + busybox.layers().stream().mapToLong(l -> l.blob().size()).sum();
        assertEquals(size, image.sizeBytes());
        assertEquals("linux/amd64", image.platform().toString());
        assertEquals(List.of("sh"), image.config().cmd());
        assertEquals(busybox.layers().get(0).diffId().toString(), image.config().diffIds().get(0));
        assertTrue(image.unpacked());

        String hex = image.id().substring("sha256:".length());
        for (String name : List.of(ref("test/busybox:1.0"), image.id(), hex, hex.substring(0, 12),
                ref("test/busybox@" + busybox.manifest().digest()))) {
            assertEquals(image.id(), store.resolve(name, null).orElseThrow(() -> new AssertionError(name)).id(), name);
        }
        assertEquals(List.of(image.id()), store.list().stream().map(Image::id).toList());
    }

    @Test
    void multiLayerImageWorksAsAnOverlayRootfs() throws Exception {
        Image image = store.pull(ref("test/multi"), RegistryAuth.NONE, PlatformRequest.linux());
        assertEquals("1000:1000", image.config().user());
        assertEquals("/home/user", image.config().workingDir());
        List<Path> layers = store.acquireLayers(image.id(), "container-1");
        assertEquals(4, layers.size());
        for (Path layer : layers) {
            assertTrue(layer.startsWith(fixture.root().resolve("snapshots")), layer.toString());
        }
        try (Overlay rootfs = Overlay.mount(layers, tmp.resolve("merged"))) {
            assertEquals("back again\n", Files.readString(rootfs.path("data/gone")));
            assertEquals("kept\n", Files.readString(rootfs.path("data/kept")));
            assertTrue(Files.exists(rootfs.path("opt/old/new")));
            assertFalse(Files.exists(rootfs.path("opt/old/hidden")), "opaque directory hides the lower file");
            assertFalse(Files.exists(rootfs.path("opt/old/sub")), "opaque directory hides the lower directory");
            assertFalse(Files.exists(rootfs.path("var/cache"), LinkOption.NOFOLLOW_LINKS), "whiteout deletes a directory");
            assertEquals(04755, (Integer) Files.getAttribute(rootfs.path("usr/local/bin/suid"), "unix:mode") & 07777);
            assertEquals(1000, Files.getAttribute(rootfs.path("home/user/owned"), "unix:uid"));
            String out = rootfs.chroot("/bin/sh", "-c", "echo hello from $(cat /data/kept); ls /opt/old; id -u");
            assertEquals("hello from kept\nnew\n0\n", out);
        }
        store.releaseLayers("container-1");
    }

    @Test
    void unpacksZstdLayers() throws Exception {
        Image image = store.pull(ref("test/zstd"), RegistryAuth.NONE, PlatformRequest.linux());
        List<Path> layers = store.acquireLayers(image.id(), "z");
        assertEquals("zstd layer\n", Files.readString(layers.get(0).resolve("etc/zstd")));
        assertTrue(Files.isExecutable(layers.get(1).resolve("bin/busybox")));
    }

    @Test
    void pullsByDigestAndMovesTagsToTheNewImage() {
        Image byDigest = store.pull(ref("test/busybox@" + busybox.manifest().digest()), RegistryAuth.NONE, null);
        assertEquals(List.of(), byDigest.repoTags());
        assertEquals(List.of(ref("test/busybox@" + busybox.manifest().digest())), byDigest.repoDigests());

        registry.pusher().push("test/moving", "v", busybox);
        Image first = store.pull(ref("test/moving:v"), RegistryAuth.NONE, null);
        registry.pusher().push("test/moving", "v", zstd);
        Image second = store.pull(ref("test/moving:v"), RegistryAuth.NONE, null);
        assertEquals(List.of(ref("test/moving:v")), second.repoTags());
        Image old = store.resolve(first.id(), null).orElseThrow();
        assertEquals(List.of(), old.repoTags());
        assertTrue(old.repoDigests().contains(ref("test/moving@" + busybox.manifest().digest())));
        assertEquals(2, store.list().size());
    }

    @Test
    void pullingAgainReusesEverything() {
        Image a = store.pull(ref("test/busybox:1.0"), RegistryAuth.NONE, null);
        Image b = store.pull(ref("test/busybox:1.0"), RegistryAuth.NONE, null);
        assertEquals(a, b);
        assertEquals(1, StoreChecks.names(fixture.root().resolve("snapshots")).size());
    }

    @Test
    void removesByTagIdOrDigest() {
        for (String how : List.of("tag", "id", "digest")) {
            Image image = store.pull(ref("test/busybox:1.0"), RegistryAuth.NONE, null);
            String name = switch (how) {
                case "tag" -> ref("test/busybox:1.0");
                case "id" -> image.id();
                default -> image.repoDigests().get(0);
            };
            assertTrue(store.remove(name), how);
            assertTrue(store.resolve(image.id(), null).isEmpty(), how);
            assertFalse(store.remove(name), how + ": removing again is a no-op");
            assertEquals(List.of(), StoreChecks.names(fixture.root().resolve("snapshots")));
            assertEquals(List.of(), StoreChecks.names(fixture.root().resolve("content/blobs/sha256")));
        }
    }

    @Test
    void missingImagesAreNotFound() {
        ImageException e = assertThrows(ImageException.class,
                () -> store.pull(ref("test/busybox:nope"), RegistryAuth.NONE, null));
        assertEquals(ImageException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("pull " + ref("test/busybox:nope")), e.getMessage());
        assertTrue(e.getMessage().contains("MANIFEST_UNKNOWN"), e.getMessage());
        assertEquals(ImageException.Kind.NOT_FOUND, assertThrows(ImageException.class,
                () -> store.acquireLayers("sha256:" + "0".repeat(64), "c")).kind());
        assertEquals(ImageException.Kind.INVALID_ARGUMENT, assertThrows(ImageException.class,
                () -> store.pull("Not A Reference", RegistryAuth.NONE, null)).kind());
        StoreChecks.noPartialState(fixture);
    }
}
