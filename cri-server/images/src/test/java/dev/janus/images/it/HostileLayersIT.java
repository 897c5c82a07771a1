package dev.janus.images.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.images.ImageException;
import dev.janus.images.ImagesConfig;
import dev.janus.images.RegistryAuth;
import dev.janus.images.manifest.Json;
import dev.janus.images.manifest.MediaTypes;
import dev.janus.images.testing.Blob;
import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.HostileLayers;
import dev.janus.images.testing.RegistryProxy;
import dev.janus.images.testing.StoreFixture;
import dev.janus.images.testing.TempDirs;
import dev.janus.images.testing.TestImages;
import dev.janus.images.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every hostile layer is refused with a clear message; nothing is written outside the snapshot
 * root, no partial snapshot or ingest file remains, and the good layer below stays usable.
 */
class HostileLayersIT {

    private static final long LIMIT = 16L << 20;

    private static TestRegistry registry;
    private static RegistryProxy proxy;
    private static Path build;
    private static Path outside;
    private static List<HostileLayers.Case> cases;
    private static BuiltImage busybox;

    private StoreFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestRegistry.available() && StoreChecks.isRoot(), "needs docker-registry and root");
        build = Files.createTempDirectory("janus-hostileit-");
        outside = Files.createTempDirectory("janus-outside-");
        registry = TestRegistry.start();
        proxy = RegistryProxy.inFrontOf(registry);
        cases = HostileLayers.all(build, outside);
        for (HostileLayers.Case c : cases) {
            registry.pusher().push("hostile/" + c.name(), "1", c.image());
        }
        busybox = TestImages.busybox(build);
        registry.pusher().push("honest/busybox", "1", busybox);
        registry.pusher().pushBlob("lying/size", busybox.config());
        registry.pusher().pushBlob("lying/size", busybox.layers().get(0).blob());
        registry.pusher().putManifest("lying/size", "1", manifestWithLayerSize(busybox, busybox.layers().get(0).blob().size() - 7));
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
        TempDirs.delete(outside);
    }

    @BeforeEach
    void open() {
        fixture = new StoreFixture(ImagesConfig.defaults().withMaxUncompressedLayerBytes(LIMIT));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void everyHostileLayerIsRefusedAndLeavesNothingBehind() {
        for (HostileLayers.Case c : cases) {
            String ref = registry.address() + "/hostile/" + c.name() + ":1";
            ImageException e = assertThrows(ImageException.class, () -> fixture.store().pull(ref, RegistryAuth.NONE, null), c.name());
            assertEquals(ImageException.Kind.INVALID_ARGUMENT, e.kind(), c.name() + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith("pull " + ref + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(c.expected()), c.name() + ": " + e.getMessage());
            assertEquals(List.of(), StoreChecks.names(outside), c.name() + " wrote outside the snapshot root");
            StoreChecks.noPartialState(fixture);
            assertTrue(fixture.store().list().isEmpty(), c.name());
            assertEquals(1, StoreChecks.names(fixture.root().resolve("snapshots")).size(),
                    c.name() + ": only the good base layer's snapshot remains");
        }
        fixture.store().collectGarbage();
        assertEquals(List.of(), StoreChecks.names(fixture.root().resolve("snapshots")));
    }

    @Test
    void aCorruptedBlobIsRefusedWhileItStreams() {
        proxy.corruptBlob(busybox.layers().get(0).blob().digest().toString());
        try {
            ImageException e = assertThrows(ImageException.class,
                    () -> fixture.store().pull(proxy.address() + "/honest/busybox:1", RegistryAuth.NONE, null));
            assertEquals(ImageException.Kind.INVALID_ARGUMENT, e.kind());
            assertTrue(e.getMessage().contains("has digest"), e.getMessage());
            StoreChecks.noPartialState(fixture);
            assertTrue(!Files.exists(fixture.root().resolve("content/blobs/sha256/" + busybox.layers().get(0).blob().digest().hex())));
        } finally {
            proxy.corruptBlob(null);
        }
    }

    @Test
    void aBlobOfTheWrongSizeIsRefused() {
        ImageException e = assertThrows(ImageException.class,
                () -> fixture.store().pull(registry.address() + "/lying/size:1", RegistryAuth.NONE, null));
        assertEquals(ImageException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("descriptor declares"), e.getMessage());
        StoreChecks.noPartialState(fixture);
    }

    private static Blob manifestWithLayerSize(BuiltImage image, long size) {
        try {
            ObjectNode manifest = (ObjectNode) Json.MAPPER.readTree(image.manifest().bytes());
            ((ObjectNode) manifest.get("layers").get(0)).put("size", size);
            return Blob.of(MediaTypes.DOCKER_MANIFEST, Json.MAPPER.writeValueAsBytes(manifest));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
