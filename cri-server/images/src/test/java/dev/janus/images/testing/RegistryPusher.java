package dev.janus.images.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/**
 * Pushes blobs and manifests with plain calls of the distribution API: POST an upload, PUT the
 * bytes with {@code ?digest=}, PUT the manifest under a tag or digest.
 */
public final class RegistryPusher {

    private final URI registry;
    private final String authorization;
    private final HttpClient client;

    public RegistryPusher(URI registry, String username, String password) {
        this(registry, username, password, null);
    }

    /** {@code tls}: how to trust an HTTPS registry (null: the system's CAs). */
    public RegistryPusher(URI registry, String username, String password, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        this.client = (tls == null ? builder : builder.sslContext(tls)).build();
        this.registry = registry;
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Pushes every blob of the image and its manifest under {@code tag}. */
    public void push(String repository, String tag, BuiltImage image) {
        pushBlob(repository, image.config());
        image.layers().forEach(layer -> pushBlob(repository, layer.blob()));
        putManifest(repository, tag, image.manifest());
    }

    /** Pushes the index's images (by digest) and the index under {@code tag}. */
    public void push(String repository, String tag, BuiltIndex index) {
        for (BuiltImage image : index.images()) {
            pushBlob(repository, image.config());
            image.layers().forEach(layer -> pushBlob(repository, layer.blob()));
            putManifest(repository, image.manifest().digest().toString(), image.manifest());
        }
        putManifest(repository, tag, index.index());
    }

    public void pushBlob(String repository, Blob blob) {
        if (status(send(request("/v2/" + repository + "/blobs/" + blob.digest())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build())) == 200) {
            return;
        }
        HttpResponse<String> started = send(request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        expect(started, 202, "start upload of " + blob.digest());
        URI location = registry.resolve(started.headers().firstValue("Location").orElseThrow());
        String separator = location.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(location + separator + "digest=" + blob.digest());
        HttpRequest.Builder upload = authorize(HttpRequest.newBuilder(put))
                .header("Content-Type", "application/octet-stream");
        try {
            upload.PUT(blob.file() != null ? HttpRequest.BodyPublishers.ofFile(blob.file())
                    : HttpRequest.BodyPublishers.ofByteArray(blob.bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        expect(send(upload.build()), 201, "upload of " + blob.digest());
    }

    public void putManifest(String repository, String reference, Blob manifest) {
        HttpRequest put = request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())).build();
        expect(send(put), 201, "manifest " + repository + ":" + reference);
    }

    private HttpRequest.Builder request(String path) {
        return authorize(HttpRequest.newBuilder(registry.resolve(path)));
    }

    private HttpRequest.Builder authorize(HttpRequest.Builder builder) {
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": registry answered " + response.statusCode() + " " + response.body());
        }
    }
}
