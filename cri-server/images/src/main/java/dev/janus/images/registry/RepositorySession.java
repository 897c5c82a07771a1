package dev.janus.images.registry;

import dev.janus.images.ImageException;
import dev.janus.cri.errors.CriException.Kind;
import dev.janus.images.manifest.Descriptor;
import dev.janus.images.manifest.ManifestDocument;
import dev.janus.images.manifest.MediaTypes;
import dev.janus.images.reference.Digest;
import dev.janus.images.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pull's view of one repository: its endpoints in the order to try (mirrors, then the
 * registry; the endpoint that served the manifest moves to the front for the blobs) and its
 * credentials. Every failure is remembered so the final error names each endpoint tried.
 */
public final class RepositorySession {

    private static final Duration MANIFEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BLOB_HEADERS_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /** A manifest's bytes as served, their digest, and the media type to parse them with. */
    public record FetchedManifest(byte[] body, Digest digest, String mediaType) {
    }

    /** An open blob body starting at {@code offset} (0 if the server ignored the range). */
    public record OpenedBlob(InputStream body, long offset, OptionalLong totalSize) {
    }

    private final ImageReference reference;
    private final List<RegistryEndpoint> endpoints;
    private final RegistryHttp http;
    private final Authenticator auth;

    RepositorySession(ImageReference reference, List<RegistryEndpoint> endpoints, RegistryHttp http, Authenticator auth) {
        this.reference = reference;
        this.endpoints = new CopyOnWriteArrayList<>(endpoints);
        this.http = http;
        this.auth = auth;
    }

    public List<RegistryEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** Fetches {@code manifests/<tagOrDigest>}; with {@code expected} set the bytes must hash to it. */
    public FetchedManifest manifest(String tagOrDigest, Digest expected) {
        List<String> failures = new ArrayList<>();
        ImageException worst = null;
        for (RegistryEndpoint endpoint : endpoints()) {
            try {
                FetchedManifest fetched = manifestFrom(endpoint, tagOrDigest, expected);
                prefer(endpoint);
                return fetched;
            } catch (ImageException e) {
                failures.add(endpoint + ": " + e.getMessage());
                worst = moreSpecific(worst, e);
            }
        }
        throw new ImageException(worst.kind(), "manifest " + tagOrDigest + " of " + reference.name()
                + " not fetched; tried " + String.join("; ", failures));
    }

    /** A small blob (the config) read whole and verified. */
    public byte[] smallBlob(Descriptor descriptor, int limit) {
        if (descriptor.size() > limit) {
            throw ImageException.invalid("blob " + descriptor.digest() + " declares " + descriptor.size()
                    + " bytes, more than the " + limit + " allowed for it");
        }
        try (InputStream in = blob(descriptor, 0).body()) {
            byte[] bytes = in.readNBytes((int) descriptor.size() + 1);
            if (bytes.length != descriptor.size() || !Digest.of(bytes).equals(descriptor.parsedDigest())) {
                throw ImageException.invalid("blob " + descriptor.digest() + " does not match its descriptor (got "
                        + bytes.length + " bytes, digest " + Digest.of(bytes) + ")");
            }
            return bytes;
        } catch (IOException e) {
            throw ImageException.unavailable("reading blob " + descriptor.digest() + " failed: "
                    + RetryingSender.describe(e), e);
        }
    }

    /** Opens {@code blobs/<digest>} from {@code offset}, trying each endpoint, then a foreign layer's URLs. */
    public OpenedBlob blob(Descriptor descriptor, long offset) {
        List<String> failures = new ArrayList<>();
        ImageException worst = null;
        Map<String, String> headers = offset > 0 ? Map.of("Range", "bytes=" + offset + "-") : Map.of();
        List<URI> sources = new ArrayList<>();
        List<RegistryEndpoint> owners = new ArrayList<>();
        for (RegistryEndpoint endpoint : endpoints()) {
            sources.add(endpoint.v2(reference.path(), "blobs/" + descriptor.digest()));
            owners.add(endpoint);
        }
        for (String url : descriptor.urls()) {
            if (url.startsWith("https://")) {
                URI uri = URI.create(url);
                sources.add(uri);
                owners.add(new RegistryEndpoint(uri, false, RegistryEndpoint.TlsSettings.SYSTEM));
            }
        }
        for (int i = 0; i < sources.size(); i++) {
            try {
                HttpResponse<InputStream> response = http.get(owners.get(i), sources.get(i), headers, auth, BLOB_HEADERS_TIMEOUT);
                return opened(response, offset);
            } catch (ImageException e) {
                failures.add(sources.get(i) + ": " + e.getMessage());
                worst = moreSpecific(worst, e);
            }
        }
        throw new ImageException(worst.kind(), "blob " + descriptor.digest() + " of " + reference.name()
                + " not fetched; tried " + String.join("; ", failures));
    }

    public RetryingSender sender() {
        return http.sender();
    }

    private FetchedManifest manifestFrom(RegistryEndpoint endpoint, String tagOrDigest, Digest expected) {
        URI uri = endpoint.v2(reference.path(), "manifests/" + tagOrDigest);
        HttpResponse<InputStream> response;
        byte[] body;
        for (int attempt = 1; ; attempt++) {
            response = http.get(endpoint, uri, Map.of("Accept", MediaTypes.MANIFEST_ACCEPT), auth, MANIFEST_TIMEOUT);
            try {
                body = Bodies.read(response, ManifestDocument.MAX_BYTES + 1);
                break;
            } catch (IOException e) {
                if (attempt >= http.sender().attempts()) {
                    throw ImageException.unavailable("reading manifest from " + uri + " failed: "
                            + RetryingSender.describe(e), e);
                }
                http.sender().pause(attempt); // the connection broke mid-body: ask again
            }
        }
        if (body.length > ManifestDocument.MAX_BYTES) {
            throw ImageException.invalid("manifest at " + uri + " is larger than " + ManifestDocument.MAX_BYTES + " bytes");
        }
        Digest digest = Digest.of(body);
        if (expected != null && !expected.equals(digest)) {
            throw ImageException.invalid("manifest at " + uri + " has digest " + digest + ", expected " + expected);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        return new FetchedManifest(body, digest, type);
    }

    private static OpenedBlob opened(HttpResponse<InputStream> response, long offset) {
        if (response.statusCode() == 206) {
            Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
            if (m.matches() && Long.parseLong(m.group(1)) == offset) {
                OptionalLong total = m.group(3).equals("*") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(m.group(3)));
                return new OpenedBlob(response.body(), offset, total);
            }
            closeQuietly(response.body());
            throw ImageException.unavailable("server answered a range request with an unexpected Content-Range");
        }
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        return new OpenedBlob(response.body(), 0, length);
    }

    private void prefer(RegistryEndpoint endpoint) {
        if (!endpoints.get(0).equals(endpoint)) {
            endpoints.remove(endpoint);
            endpoints.add(0, endpoint);
        }
    }

    /** Which error to report when every endpoint failed: the one that says most about the image. */
    private static ImageException moreSpecific(ImageException a, ImageException b) {
        if (a == null) {
            return b;
        }
        return rank(b.kind()) < rank(a.kind()) ? b : a;
    }

    private static int rank(Kind kind) {
        return switch (kind) {
            case UNAUTHENTICATED -> 0;
            case PERMISSION_DENIED -> 1;
            case NOT_FOUND -> 2;
            case INVALID_ARGUMENT -> 3;
            case FAILED_PRECONDITION -> 4;
            default -> 5;
        };
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
