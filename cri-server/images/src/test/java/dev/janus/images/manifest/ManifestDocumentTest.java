package dev.janus.images.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.janus.images.ImageException;
import dev.janus.images.reference.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestDocumentTest {

    private static final String D = "sha256:" + "b".repeat(64);

    @Test
    void parsesDockerSchema2AndOciIndexWithoutMediaType() {
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"%s","size":10},
                 "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":"%s","size":20}]}
                """.formatted(D, D);
        var parsed = assertInstanceOf(ManifestDocument.Manifest.class, ManifestDocument.parse(bytes(manifest), ""));
        assertEquals(1, parsed.layers().size());
        String index = """
                {"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "digest":"%s","size":5,"platform":{"os":"windows","architecture":"amd64","os.version":"10.0.20348.1"}}]}
                """.formatted(D);
        var idx = assertInstanceOf(ManifestDocument.Index.class, ManifestDocument.parse(bytes(index), MediaTypes.OCI_INDEX));
        assertEquals("10.0.20348.1", idx.manifests().get(0).platform().osVersion());
    }

    @Test
    void refusesSchema1AndBadDigests() {
        assertEquals(ImageException.Kind.FAILED_PRECONDITION, assertThrows(ImageException.class,
                () -> ManifestDocument.parse(bytes("{\"schemaVersion\":1,\"fsLayers\":[]}"), "")).kind());
        String badDigest = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"x","digest":"sha512:abc","size":10},"layers":[]}""";
        assertEquals(ImageException.Kind.INVALID_ARGUMENT,
                assertThrows(ImageException.class, () -> ManifestDocument.parse(bytes(badDigest), "")).kind());
    }

    @Test
    void chainIdsFollowTheOciDefinition() {
        String a = Digest.of(bytes("a")).toString();
        String b = Digest.of(bytes("b")).toString();
        List<String> chain = ChainIds.of(List.of(a, b));
        assertEquals(a, chain.get(0));
        assertEquals(Digest.of(bytes(a + " " + b)).toString(), chain.get(1));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
