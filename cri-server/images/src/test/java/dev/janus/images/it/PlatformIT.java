package dev.janus.images.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.images.Image;
import dev.janus.images.ImageException;
import dev.janus.images.ImagesConfig;
import dev.janus.images.PlatformRequest;
import dev.janus.images.PlatformRequest.WindowsIsolation;
import dev.janus.images.RegistryAuth;
import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.BuiltIndex;
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
 * One tag, three platforms (linux/amd64, windows/amd64 17763 and 20348): each kind of pod gets
 * its own image, both kept under the tag. On this Linux host Windows images are stored (blobs
 * verified) but not unpacked.
 */
class PlatformIT {

    private static TestRegistry registry;
    private static Path build;
    private static BuiltIndex index;
    private static BuiltImage linux;
    private static BuiltImage ltsc2019;
    private static BuiltImage ltsc2022;

    private StoreFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestRegistry.available() && StoreChecks.isRoot(), "needs docker-registry and root");
        build = Files.createTempDirectory("janus-platformit-");
        registry = TestRegistry.start();
        index = TestImages.multiPlatform(build);
        linux = index.images().get(0);
        ltsc2019 = index.images().get(1);
        ltsc2022 = index.images().get(2);
        registry.pusher().push("multi/os", "1", index);
        registry.pusher().push("win/only", "1", ltsc2022);
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

    private String ref() {
        return registry.address() + "/multi/os:1";
    }

    private Image pull(PlatformRequest platform) {
        return fixture.store().pull(ref(), RegistryAuth.NONE, platform);
    }

    @Test
    void eachKindOfPodGetsItsImageAndBothAreKept() {
        Image forLinux = pull(PlatformRequest.linux());
        Image forWindows = pull(PlatformRequest.windows(WindowsIsolation.PROCESS, "amd64", 20348));
        assertEquals(linux.id(), forLinux.id());
        assertEquals(ltsc2022.id(), forWindows.id());
        assertEquals("10.0.20348.2461", forWindows.platform().osVersion());
        assertEquals(List.of(ref()), forWindows.repoTags());
        assertEquals(List.of(registry.address() + "/multi/os@" + index.index().digest()), forWindows.repoDigests());
        assertEquals(2, fixture.store().list().size());
        assertEquals(linux.id(), fixture.store().resolve(ref(), PlatformRequest.linux()).orElseThrow().id());
        assertEquals(ltsc2022.id(), fixture.store()
                .resolve(ref(), PlatformRequest.windows(WindowsIsolation.PROCESS, "amd64", 20348)).orElseThrow().id());
        assertEquals(linux.id(), fixture.store().resolve(ref(), null).orElseThrow().id(), "host default on Linux");
        assertEquals(List.of(ref()), fixture.store().resolve(linux.id(), null).orElseThrow().repoTags());
    }

    @Test
    void windowsImagesAreStoredVerifiedButNotUnpackedOnLinux() {
        Image image = pull(PlatformRequest.windows(WindowsIsolation.PROCESS, "amd64", 20348));
        assertFalse(image.unpacked());
        for (String digest : List.of(ltsc2022.manifest().digest().toString(), ltsc2022.config().digest().toString(),
                ltsc2022.layers().get(0).blob().digest().toString(), index.index().digest().toString())) {
            assertTrue(Files.exists(fixture.root().resolve("content/blobs/sha256/" + digest.substring(7))), digest);
        }
        assertEquals(List.of(), StoreChecks.names(fixture.root().resolve("snapshots")));
        ImageException e = assertThrows(ImageException.class, () -> fixture.store().acquireLayers(image.id(), "c"));
        assertEquals(ImageException.Kind.FAILED_PRECONDITION, e.kind());
    }

    @Test
    void windowsBuildCompatibilityDecidesTheEntry() {
        assertEquals(ltsc2019.id(), pull(PlatformRequest.windows(WindowsIsolation.PROCESS, "amd64", 17763)).id());
        assertEquals(ltsc2022.id(), pull(PlatformRequest.windows(WindowsIsolation.PROCESS, "amd64", 26100)).id());
        assertEquals(ltsc2019.id(), pull(PlatformRequest.windows(WindowsIsolation.HYPERV, "amd64", 19041)).id());
        ImageException none = assertThrows(ImageException.class,
                () -> pull(PlatformRequest.windows(WindowsIsolation.PROCESS, "amd64", 19041)));
        assertEquals(ImageException.Kind.NOT_FOUND, none.kind());
        assertTrue(none.getMessage().contains("windows/amd64 (10.0.17763.5830)"), none.getMessage());
    }

    @Test
    void aSinglePlatformImageOfTheWrongOsIsRefused() {
        ImageException e = assertThrows(ImageException.class,
                () -> fixture.store().pull(registry.address() + "/win/only:1", RegistryAuth.NONE, PlatformRequest.linux()));
        assertEquals(ImageException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("cannot run"), e.getMessage());
        assertEquals(ltsc2022.id(), fixture.store().pull(registry.address() + "/win/only:1", RegistryAuth.NONE,
                PlatformRequest.windows(WindowsIsolation.HYPERV, "amd64", 26100)).id());
    }
}
