package dev.janus.images.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.janus.images.ImageException;
import dev.janus.images.RegistryAuth;
import dev.janus.images.manifest.Json;
import dev.janus.images.registry.RegistryEndpoint.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The registry token flow: after a {@code Bearer} challenge, ask the challenge's realm for a
 * token for its service and scope. An identity token (OAuth2 refresh token) is exchanged with a
 * POST; otherwise a GET, with basic credentials if there are any, anonymous if not.
 */
public final class BearerTokenFlow {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CLIENT_ID = "janus";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(String token, @JsonProperty("access_token") String accessToken) {
        String value() {
            return token != null && !token.isBlank() ? token : accessToken;
        }
    }

    private final HttpClients clients;
    private final RetryingSender sender;

    public BearerTokenFlow(HttpClients clients, RetryingSender sender) {
        this.clients = clients;
        this.sender = sender;
    }

    /** A token for {@code scope}; UNAUTHENTICATED when the realm refuses the credentials. */
    public String token(AuthChallenge challenge, String scope, Optional<RegistryAuth.Basic> basic,
                        Optional<String> identityToken, TlsSettings tls) {
        String realm = challenge.param("realm");
        if (!realm.startsWith("https://") && !realm.startsWith("http://")) {
            throw new ImageException(ImageException.Kind.UNAUTHENTICATED, "bearer challenge has no usable realm: '" + realm + "'");
        }
        String service = challenge.param("service");
        HttpResponse<InputStream> response = identityToken.isPresent()
                ? sender.send(clients.forTls(tls), postRefresh(realm, service, scope, identityToken.get()))
                : null;
        if (response != null && (response.statusCode() == 404 || response.statusCode() == 405) && basic.isPresent()) {
            Bodies.discard(response);
            response = null;
        }
        if (response == null) {
            response = sender.send(clients.forTls(tls), get(realm, service, scope, basic));
        }
        return parse(response, realm, basic);
    }

    private static HttpRequest get(String realm, String service, String scope, Optional<RegistryAuth.Basic> basic) {
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        url.append("service=").append(encode(service));
        if (!scope.isEmpty()) {
            url.append("&scope=").append(encode(scope));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString())).timeout(TIMEOUT).GET();
        basic.ifPresent(c -> b.header("Authorization", basicHeader(c)));
        return b.build();
    }

    private static HttpRequest postRefresh(String realm, String service, String scope, String refreshToken) {
        String form = "grant_type=refresh_token&client_id=" + CLIENT_ID
                + "&service=" + encode(service) + "&scope=" + encode(scope)
                + "&refresh_token=" + encode(refreshToken);
        return HttpRequest.newBuilder(URI.create(realm)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private static String parse(HttpResponse<InputStream> response, String realm, Optional<RegistryAuth.Basic> basic) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            Bodies.discard(response);
            throw new ImageException(ImageException.Kind.UNAUTHENTICATED, "token server " + realm + " refused "
                    + basic.map(b -> "the credentials of '" + b.username() + "'").orElse("an anonymous request")
                    + " (" + status + ")");
        }
        if (status / 100 != 2) {
            throw ImageException.unavailable("token server " + realm + " answered " + status + ": "
                    + Bodies.text(response, 512));
        }
        try {
            TokenResponse token = Json.MAPPER.readValue(Bodies.read(response, 1 << 20), TokenResponse.class);
            if (token.value() == null || token.value().isBlank()) {
                throw ImageException.unavailable("token server " + realm + " sent no token");
            }
            return token.value();
        } catch (IOException e) {
            throw ImageException.unavailable("token server " + realm + " sent an unreadable answer", e);
        }
    }

    static String basicHeader(RegistryAuth.Basic basic) {
        String pair = basic.username() + ":" + basic.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
