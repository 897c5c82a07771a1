package dev.janus.images.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.images.Image;
import dev.janus.images.ImagesConfig;
import dev.janus.images.RegistryAuth;
import dev.janus.images.testing.Blob;
import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.Compression;
import dev.janus.images.testing.ImageBuilder;
import dev.janus.images.testing.Layer;
import dev.janus.images.testing.LayerBuilder;
import dev.janus.images.testing.StoreFixture;
import dev.janus.images.testing.TempDirs;
import dev.janus.images.testing.TestImages;
import dev.janus.images.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Removal and garbage collection: shared layers, layers held by containers, restarts. */
class GcIT {

    private static TestRegistry registry;
    private static Path build;
    private static BuiltImage a;
    private static BuiltImage b;

    private StoreFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestRegistry.available() && StoreChecks.isRoot(), "needs docker-registry and root");
        build = Files.createTempDirectory("janus-gcit-");
        registry = TestRegistry.start();
        Layer base = TestImages.busyboxLayer(build, Compression.GZIP);
        a = ImageBuilder.oci().layer(base).layer(LayerBuilder.create(build, Compression.GZIP).file("a", "a\n").build()).build();
        b = ImageBuilder.oci().layer(base).layer(LayerBuilder.create(build, Compression.GZIP).file("b", "b\n").build()).build();
        registry.pusher().push("gc/a", "1", a);
        registry.pusher().push("gc/b", "1", b);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        TempDirs.delete(build);
    }

    @BeforeEach
    void open() {
        fixture = new StoreFixture(ImagesConfig.defaults());
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Image pull(String repo) {
        return fixture.store().pull(registry.address() + "/" + repo + ":1", RegistryAuth.NONE, null);
    }

    private boolean hasBlob(Blob blob) {
        return Files.exists(fixture.root().resolve("content/blobs/sha256/" + blob.digest().hex()));
    }

    private List<String> snapshots() {
        return StoreChecks.names(fixture.root().resolve("snapshots"));
    }

    @Test
    void removingAnImageKeepsWhatAnotherStillUses() {
        pull("gc/a");
        Image imageB = pull("gc/b");
        assertEquals(3, snapshots().size());
        assertTrue(fixture.store().remove(registry.address() + "/gc/a:1"));
        assertFalse(hasBlob(a.layers().get(1).blob()));
        assertFalse(hasBlob(a.config()));
        assertTrue(hasBlob(a.layers().get(0).blob()), "the shared base layer stays");
        assertEquals(2, snapshots().size());
        assertEquals(2, fixture.store().acquireLayers(imageB.id(), "c").size());
        assertTrue(fixture.store().remove(imageB.id()));
        assertEquals(2, snapshots().size(), "held by container c");
        fixture.store().releaseLayers("c");
        assertEquals(List.of(), snapshots());
        assertEquals(List.of(), StoreChecks.names(fixture.root().resolve("content/blobs/sha256")));
    }

    @Test
    void layersHeldByAContainerSurviveRemovalAndRestartsUntilReleased() {
        Image image = pull("gc/a");
        List<Path> layers = fixture.store().acquireLayers(image.id(), "container-1");
        assertTrue(fixture.store().remove(image.id()));
        assertTrue(fixture.store().collectGarbage() >= 0);
        fixture.reopen();
        fixture.store().collectGarbage();
        for (Path layer : layers) {
            assertTrue(Files.isDirectory(layer), layer + " is still there after a restart");
        }
        assertTrue(fixture.store().list().isEmpty());
        fixture.store().releaseLayers("container-1");
        fixture.store().releaseLayers("unknown-holder");
        for (Path layer : layers) {
            assertFalse(Files.exists(layer), layer + " is freed once released");
        }
    }

    @Test
    void garbageCollectionReportsWhatItFreed() {
        Image image = pull("gc/a");
        assertEquals(0, fixture.store().collectGarbage(), "nothing unreferenced yet");
        assertTrue(fixture.store().remove(image.id()));
        pull("gc/a");
        assertEquals(0, fixture.store().collectGarbage());
    }

    @Test
    void openingTheStoreFinishesWhatACrashInterrupted() throws Exception {
        pull("gc/a");
        fixture.suspend();
        Path snapshotsDir = fixture.root().resolve("snapshots");
        Files.createDirectories(snapshotsDir.resolve("999/fs/half"));
        Files.writeString(snapshotsDir.resolve("999/fs/half/file"), "partial");
        Files.createDirectories(snapshotsDir.resolve("1000/fs"));
        Files.writeString(fixture.root().resolve("content/ingest/" + "a".repeat(64) + ".partial"), "partial");
        try (MVStore mv = new MVStore.Builder().fileName(fixture.mvStoreFile().toString()).open()) {
            MVMap<String, String> records = mv.openMap("images.snapshots");
            records.put("sha256:" + "c".repeat(64),
                    "{\"id\":999,\"chainId\":\"sha256:" + "c".repeat(64) + "\",\"diffId\":\"x\",\"state\":\"UNPACKING\"}");
            MVMap<String, String> names = mv.openMap("images.names");
            names.put("example.com/gone:1|linux", "sha256:" + "d".repeat(64));
            mv.commit();
        }
        fixture.reopen();
        StoreChecks.noPartialState(fixture);
        assertEquals(2, snapshots().size());
        assertEquals(List.of(a.id()), fixture.store().list().stream().map(Image::id).toList());
        assertTrue(fixture.store().resolve("example.com/gone:1", null).isEmpty());
    }
}
