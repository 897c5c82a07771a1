package dev.janus.images.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.janus.images.ImageException;
import dev.janus.cri.errors.CriException.Kind;
import dev.janus.images.manifest.Json;
import dev.janus.images.registry.RegistryEndpoint.TlsSettings;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One GET against one endpoint: retries (via {@link RetryingSender}), the 401 challenge answered
 * once, and redirects followed by hand so the Authorization header never goes to another origin
 * (blob downloads are often redirected to object storage).
 */
public final class RegistryHttp {

    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_CHALLENGES = 2;

    private final HttpClients clients;
    private final RetryingSender sender;

    public RegistryHttp(HttpClients clients, RetryingSender sender) {
        this.clients = clients;
        this.sender = sender;
    }

    public RetryingSender sender() {
        return sender;
    }

    /** A 2xx response whose body the caller must close; otherwise an ImageException of the right kind. */
    public HttpResponse<InputStream> get(RegistryEndpoint endpoint, URI uri, Map<String, String> headers,
                                         Authenticator auth, Duration timeout) {
        URI target = uri;
        boolean sameOrigin = true;
        int challenges = 0;
        for (int redirects = 0; ; ) {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout).GET();
            if ("http".equals(target.getScheme())) {
                request.version(HttpClient.Version.HTTP_1_1);
            }
            headers.forEach(request::header);
            String sent = sameOrigin ? auth.header(endpoint).orElse(null) : null;
            if (sent != null) {
                request.header("Authorization", sent);
            }
            TlsSettings tls = sameOrigin ? endpoint.tls() : TlsSettings.SYSTEM;
            HttpResponse<InputStream> response = sender.send(clients.forTls(tls), request.build());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return response;
            }
            if (status == 401 && sameOrigin && challenges++ < MAX_CHALLENGES) {
                // the first answer authenticates; a second one renews an expired token or
                // finds that the credentials are refused
                Bodies.discard(response);
                auth.answer(endpoint, response.headers().allValues("WWW-Authenticate"), sent);
                continue;
            }
            if (isRedirect(status) && response.headers().firstValue("Location").isPresent()) {
                Bodies.discard(response);
                if (++redirects > MAX_REDIRECTS) {
                    throw ImageException.unavailable("too many redirects fetching " + uri);
                }
                URI next = target.resolve(response.headers().firstValue("Location").get());
                if ("https".equals(target.getScheme()) && "http".equals(next.getScheme())) {
                    throw ImageException.unavailable(target + " redirects to plain HTTP " + next + "; refused");
                }
                sameOrigin = sameOrigin && Objects.equals(next.getRawAuthority(), endpoint.authority())
                        && Objects.equals(next.getScheme(), endpoint.base().getScheme());
                target = next;
                continue;
            }
            throw failure(status, response, target);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static ImageException failure(int status, HttpResponse<InputStream> response, URI uri) {
        String detail = registryError(Bodies.text(response, 4096));
        String message = "GET " + uri + " answered " + status + (detail.isEmpty() ? "" : " (" + detail + ")");
        Kind kind = switch (status) {
            case 401 -> Kind.UNAUTHENTICATED;
            case 403 -> Kind.PERMISSION_DENIED;
            case 404 -> Kind.NOT_FOUND;
            case 400 -> Kind.INVALID_ARGUMENT;
            default -> Kind.UNAVAILABLE;
        };
        return new ImageException(kind, message);
    }

    /** The first entry of the distribution API's {@code {"errors":[{"code","message"}]}}, if any. */
    private static String registryError(String body) {
        if (body.isEmpty()) {
            return "";
        }
        try {
            JsonNode first = Json.MAPPER.readTree(body).path("errors").path(0);
            if (!first.isMissingNode()) {
                return first.path("code").asText() + ": " + first.path("message").asText();
            }
        } catch (Exception ignored) {
            // not the registry's JSON: show a bit of the text
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
