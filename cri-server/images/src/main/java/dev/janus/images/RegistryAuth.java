package dev.janus.images;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * CRI's AuthConfig for one pull. Any field may be null or empty.
 *
 * @param auth          base64 of {@code user:password}, used when username is empty
 * @param identityToken an OAuth2 refresh token, exchanged for a bearer token at the realm
 * @param registryToken a bearer token sent as is
 * @param serverAddress which registry the credentials belong to; empty means every endpoint
 */
public record RegistryAuth(
        String username,
        String password,
        String auth,
        String identityToken,
        String registryToken,
        String serverAddress) {

    public static final RegistryAuth NONE = new RegistryAuth(null, null, null, null, null, null);

    /** A user name and password, from the explicit fields or decoded from {@code auth}. */
    public record Basic(String username, String password) {
        @Override
        public String toString() {
            return "Basic[" + username + ", ***]";
        }
    }

    public static RegistryAuth basic(String username, String password) {
        return new RegistryAuth(username, password, null, null, null, null);
    }

    public Optional<Basic> basicCredentials() {
        if (!isBlank(username)) {
            return Optional.of(new Basic(username, password == null ? "" : password));
        }
        if (isBlank(auth)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ImageException.invalid("auth is not base64 of user:password");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw ImageException.invalid("auth does not decode to user:password");
        }
        return Optional.of(new Basic(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    public Optional<String> identity() {
        return isBlank(identityToken) ? Optional.empty() : Optional.of(identityToken);
    }

    public Optional<String> bearer() {
        return isBlank(registryToken) ? Optional.empty() : Optional.of(registryToken);
    }

    /**
     * Whether these credentials may be sent to {@code host} when pulling from {@code registry}.
     * With a server address they go to that registry only (docker.io's aliases included) and to
     * its configured mirrors, never to an unrelated host a redirect points at.
     */
    public boolean appliesTo(String host, String registry) {
        if (isBlank(serverAddress)) {
            return true;
        }
        String server = hostOf(serverAddress);
        return sameRegistry(server, registry) || sameRegistry(server, host);
    }

    @Override
    public String toString() {
        return "RegistryAuth[user=" + (username == null ? "" : username)
                + ", server=" + (serverAddress == null ? "" : serverAddress) + ", secrets=***]";
    }

    private static boolean sameRegistry(String a, String b) {
        return canonical(a).equalsIgnoreCase(canonical(b));
    }

    private static String canonical(String host) {
        return switch (host.toLowerCase()) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
            default -> host;
        };
    }

    private static String hostOf(String address) {
        String a = address.trim();
        if (a.contains("://")) {
            URI uri = URI.create(a);
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        }
        int slash = a.indexOf('/');
        return slash < 0 ? a : a.substring(0, slash);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
