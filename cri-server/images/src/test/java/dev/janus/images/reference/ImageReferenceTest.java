package dev.janus.images.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.images.ImageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @ParameterizedTest
    @CsvSource({
            "busybox, docker.io/library/busybox:latest",
            "busybox:1.36, docker.io/library/busybox:1.36",
            "library/busybox, docker.io/library/busybox:latest",
            "docker.io/busybox, docker.io/library/busybox:latest",
            "index.docker.io/library/busybox:1, docker.io/library/busybox:1",
            "user/app:v1, docker.io/user/app:v1",
            "registry.k8s.io/pause:3.9, registry.k8s.io/pause:3.9",
            "registry.k8s.io/e2e-test-images/busybox:1.29-2, registry.k8s.io/e2e-test-images/busybox:1.29-2",
            "localhost/app, localhost/app:latest",
            "127.0.0.1:5000/a/b/c:t, 127.0.0.1:5000/a/b/c:t",
            "[::1]:5000/app:t, [::1]:5000/app:t",
    })
    void normalisesAsKubeletExpects(String input, String expected) {
        assertEquals(expected, ImageReference.parse(input).toString());
    }

    @Test
    void digestDropsTheTag() {
        ImageReference ref = ImageReference.parse("busybox:1.36@" + DIGEST);
        assertNull(ref.tag());
        assertEquals("docker.io/library/busybox@" + DIGEST, ref.toString());
        assertNull(ref.repoTag());
        assertEquals(DIGEST, ref.tagOrDigest());
    }

    @Test
    void splitsDomainAndPath() {
        ImageReference ref = ImageReference.parse("gcr.io/k8s-staging-cri-tools/test-image-tag:all");
        assertEquals("gcr.io", ref.domain());
        assertEquals("k8s-staging-cri-tools/test-image-tag", ref.path());
        assertEquals("all", ref.tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "upper/CASE", "busybox:", "busy box", "busybox@sha256:123", "busybox@md5:" + "a",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "a//b", "-a/b", "busybox:-tag"})
    void refusesMalformedReferences(String input) {
        ImageException e = assertThrows(ImageException.class, () -> ImageReference.parse(input));
        assertEquals(ImageException.Kind.INVALID_ARGUMENT, e.kind());
    }
}
