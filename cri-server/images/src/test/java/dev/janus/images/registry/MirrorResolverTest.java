package dev.janus.images.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.images.RegistryHostConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorResolverTest {

    private final MirrorResolver resolver = new MirrorResolver(Map.of(
            "registry.k8s.io", RegistryHostConfig.mirroredBy("http://127.0.0.1:5123"),
            "docker.io", RegistryHostConfig.mirroredBy("https://mirror.example/prefix"),
            "insecure.example:5000", new RegistryHostConfig(null, null, false, true, null),
            "only-mirror.example", new RegistryHostConfig(List.of("http://127.0.0.1:1"), null, true, false, null)));

    private static List<String> urls(List<RegistryEndpoint> endpoints, String repo) {
        return endpoints.stream().map(e -> e.v2(repo, "manifests/t").toString()).toList();
    }

    @Test
    void mirrorKeepsTheRepositoryPathThenFallsBackToUpstream() {
        assertEquals(List.of("http://127.0.0.1:5123/v2/e2e-test-images/busybox/manifests/t",
                        "https://registry.k8s.io/v2/e2e-test-images/busybox/manifests/t"),
                urls(resolver.endpointsFor("registry.k8s.io"), "e2e-test-images/busybox"));
    }

    @Test
    void dockerHubIsRegistry1AndMirrorsKeepLibraryAndPrefix() {
        assertEquals(List.of("https://mirror.example/prefix/v2/library/busybox/manifests/t",
                        "https://registry-1.docker.io/v2/library/busybox/manifests/t"),
                urls(resolver.endpointsFor("docker.io"), "library/busybox"));
    }

    @Test
    void loopbackIsPlainHttpWithoutConfiguration() {
        assertEquals(List.of("http://127.0.0.1:5000/v2/a/manifests/t"), urls(resolver.endpointsFor("127.0.0.1:5000"), "a"));
        assertEquals(List.of("http://localhost:5000/v2/a/manifests/t"), urls(resolver.endpointsFor("localhost:5000"), "a"));
        assertEquals(List.of("http://[::1]:5000/v2/a/manifests/t"), urls(resolver.endpointsFor("[::1]:5000"), "a"));
        assertEquals(List.of("https://quay.io/v2/a/manifests/t"), urls(resolver.endpointsFor("quay.io"), "a"));
    }

    @Test
    void insecureRegistriesTryTlsWithoutVerificationThenHttp() {
        List<RegistryEndpoint> endpoints = resolver.endpointsFor("insecure.example:5000");
        assertEquals(List.of("https://insecure.example:5000/v2/a/manifests/t", "http://insecure.example:5000/v2/a/manifests/t"),
                urls(endpoints, "a"));
        assertTrue(endpoints.get(0).tls().skipVerify());
    }

    @Test
    void skipUpstreamUsesMirrorsOnly() {
        List<RegistryEndpoint> endpoints = resolver.endpointsFor("only-mirror.example");
        assertEquals(1, endpoints.size());
        assertTrue(endpoints.get(0).mirror());
    }

    @Test
    void recognisesLoopback() {
        assertTrue(MirrorResolver.isLoopback("127.0.0.1"));
        assertTrue(MirrorResolver.isLoopback("127.1.2.3:80"));
        assertTrue(MirrorResolver.isLoopback("::1"));
        assertFalse(MirrorResolver.isLoopback("128.0.0.1"));
        assertFalse(MirrorResolver.isLoopback("localhost.example.com"));
    }
}
