package dev.janus.images.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.images.ImageException;
import dev.janus.images.ImagesConfig;
import dev.janus.images.RegistryAuth;
import dev.janus.images.RegistryHostConfig;
import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.StoreFixture;
import dev.janus.images.testing.TempDirs;
import dev.janus.images.testing.TestImages;
import dev.janus.images.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTPS: a registry with a self-signed certificate, trusted through a per-registry CA file or not at all. */
class TlsIT {

    private static TestRegistry registry;
    private static Path build;
    private static BuiltImage busybox;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestRegistry.available() && StoreChecks.isRoot(), "needs docker-registry and root");
        build = Files.createTempDirectory("janus-tlsit-");
        registry = TestRegistry.startTls();
        busybox = TestImages.busybox(build);
        registry.pusher().push("tls/busybox", "1", busybox);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        TempDirs.delete(build);
    }

    private String pull(RegistryHostConfig settings) {
        ImagesConfig config = ImagesConfig.defaults()
                .withRegistries(settings == null ? Map.of() : Map.of(registry.address(), settings));
        try (StoreFixture fixture = new StoreFixture(config)) {
            return fixture.store().pull(registry.address() + "/tls/busybox:1", RegistryAuth.NONE, null).id();
        }
    }

    @Test
    void trustsTheRegistrysCaFile() {
        assertEquals(busybox.id(), pull(new RegistryHostConfig(null, null, false, false, registry.caFile().toString())));
    }

    @Test
    void refusesAnUntrustedCertificate() {
        ImageException e = assertThrows(ImageException.class,
                () -> pull(new RegistryHostConfig(null, "https://" + registry.address(), false, false, null)));
        assertEquals(ImageException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("SSL") || e.getMessage().contains("PKIX") || e.getMessage().contains("certificat"),
                e.getMessage());
    }

    @Test
    void insecureSkipsVerification() {
        assertEquals(busybox.id(), pull(new RegistryHostConfig(null, null, false, true, null)));
    }
}
