package dev.janus.images.registry;

import java.net.URI;

/**
 * One place a repository can be fetched from: a mirror or the registry itself.
 *
 * @param base       {@code scheme://host[:port][/prefix]}; requests go to {@code base/v2/...}
 *                   (a base already ending in {@code /v2} is not doubled)
 * @param mirror     a configured mirror rather than the registry itself
 * @param tls        how to verify TLS when the scheme is https
 */
public record RegistryEndpoint(URI base, boolean mirror, TlsSettings tls) {

    /** TLS verification for one endpoint: extra CA file, or no verification at all (insecure). */
    public record TlsSettings(String caFile, boolean skipVerify) {
        public static final TlsSettings SYSTEM = new TlsSettings("", false);
    }

    /** {@code host[:port]} as used for credentials and token caches. */
    public String authority() {
        return base.getRawAuthority();
    }

    public boolean plainHttp() {
        return "http".equals(base.getScheme());
    }

    /** The URL of {@code /v2/<repository>/<rest>}, e.g. rest {@code manifests/latest}. */
    public URI v2(String repository, String rest) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String prefix = path.endsWith("/v2") ? path : path + "/v2";
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + prefix + "/" + repository + "/" + rest);
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
