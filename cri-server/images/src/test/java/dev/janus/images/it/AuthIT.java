package dev.janus.images.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.images.Image;
import dev.janus.images.ImageException;
import dev.janus.images.ImagesConfig;
import dev.janus.images.RegistryAuth;
import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.RegistryProxy;
import dev.janus.images.testing.StoreFixture;
import dev.janus.images.testing.TempDirs;
import dev.janus.images.testing.TestImages;
import dev.janus.images.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credentials from CRI's AuthConfig against a registry with htpasswd basic auth, and the bearer
 * token flow through a proxy that challenges with WWW-Authenticate and checks its tokens.
 */
class AuthIT {

    private static TestRegistry basicRegistry;
    private static TestRegistry openRegistry;
    private static RegistryProxy bearer;
    private static Path build;
    private static BuiltImage busybox;

    private StoreFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestRegistry.available() && StoreChecks.isRoot(), "needs docker-registry and root");
        build = Files.createTempDirectory("janus-authit-");
        busybox = TestImages.busybox(build);
        basicRegistry = TestRegistry.start("alice", "s3cret");
        basicRegistry.pusher().push("private/busybox", "1", busybox);
        openRegistry = TestRegistry.start();
        openRegistry.pusher().push("team/busybox", "1", busybox);
        bearer = RegistryProxy.inFrontOf(openRegistry).withBearerAuth("bob", "hunter2").acceptingIdentityToken("refresh-me");
    }

    @AfterAll
    static void stop() {
        if (bearer != null) {
            bearer.close();
        }
        for (TestRegistry r : new TestRegistry[] {basicRegistry, openRegistry}) {
            if (r != null) {
                r.close();
            }
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

    private Image pull(String ref, RegistryAuth auth) {
        return fixture.store().pull(ref, auth, null);
    }

    private ImageException refused(String ref, RegistryAuth auth) {
        return assertThrows(ImageException.class, () -> pull(ref, auth));
    }

    @Test
    void basicAuthWithUsernameAndPasswordOrAuthField() {
        String ref = basicRegistry.address() + "/private/busybox:1";
        ImageException anonymous = refused(ref, RegistryAuth.NONE);
        assertEquals(ImageException.Kind.UNAUTHENTICATED, anonymous.kind());
        assertTrue(anonymous.getMessage().contains("requires credentials"), anonymous.getMessage());
        ImageException wrong = refused(ref, RegistryAuth.basic("alice", "wrong"));
        assertEquals(ImageException.Kind.UNAUTHENTICATED, wrong.kind());
        assertTrue(wrong.getMessage().contains("refused the credentials of 'alice'"), wrong.getMessage());
        assertEquals(busybox.id(), pull(ref, RegistryAuth.basic("alice", "s3cret")).id());
        String encoded = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        fixture.store().remove(ref);
        assertEquals(busybox.id(), pull(ref, new RegistryAuth(null, null, encoded, null, null, null)).id());
    }

    @Test
    void credentialsForAnotherServerAreNotSent() {
        String ref = basicRegistry.address() + "/private/busybox:1";
        RegistryAuth elsewhere = new RegistryAuth("alice", "s3cret", null, null, null, "https://other.example");
        assertEquals(ImageException.Kind.UNAUTHENTICATED, refused(ref, elsewhere).kind());
        RegistryAuth here = new RegistryAuth("alice", "s3cret", null, null, null, basicRegistry.address());
        assertEquals(busybox.id(), pull(ref, here).id());
    }

    @Test
    void bearerTokenFlowWithBasicCredentials() {
        String ref = bearer.address() + "/team/busybox:1";
        int before = bearer.tokensIssued();
        assertEquals(busybox.id(), pull(ref, RegistryAuth.basic("bob", "hunter2")).id());
        assertTrue(bearer.tokensIssued() > before, "a token was fetched from the realm");
        ImageException wrong = refused(bearer.address() + "/team/busybox:1", RegistryAuth.basic("bob", "nope"));
        assertEquals(ImageException.Kind.UNAUTHENTICATED, wrong.kind());
        assertTrue(wrong.getMessage().contains("token server"), wrong.getMessage());
        assertEquals(ImageException.Kind.UNAUTHENTICATED, refused(ref, RegistryAuth.NONE).kind());
    }

    @Test
    void bearerTokenFlowWithIdentityTokenOrRegistryToken() {
        String ref = bearer.address() + "/team/busybox:1";
        assertEquals(busybox.id(), pull(ref, new RegistryAuth(null, null, null, "refresh-me", null, null)).id());
        fixture.store().remove(ref);
        String token = bearer.issueToken();
        assertEquals(busybox.id(), pull(ref, new RegistryAuth(null, null, null, null, token, null)).id());
    }
}
