package dev.janus.images.registry;

import dev.janus.images.ImageException;
import dev.janus.images.RegistryHostConfig;
import dev.janus.images.reference.ImageReference;
import dev.janus.images.registry.RegistryEndpoint.TlsSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a registry host into the ordered endpoints to try: configured mirrors first, then the
 * registry itself (unless {@code skipUpstream}). Plain HTTP is used for an explicit
 * {@code http://} mirror, for loopback registries without settings of their own (as Docker and
 * containerd do), and as the fallback after TLS for registries marked insecure.
 */
public final class MirrorResolver {

    private static final String DOCKER_HUB_SERVER = "https://registry-1.docker.io";

    private final Map<String, RegistryHostConfig> registries;

    public MirrorResolver(Map<String, RegistryHostConfig> registries) {
        this.registries = registries;
    }

    public List<RegistryEndpoint> endpointsFor(String registryHost) {
        RegistryHostConfig host = settings(registryHost);
        List<RegistryEndpoint> endpoints = new ArrayList<>();
        for (String mirror : host.mirrors()) {
            URI uri = parseEndpoint(mirror, registryHost);
            RegistryHostConfig own = registries.getOrDefault(uri.getRawAuthority(), host);
            endpoints.add(new RegistryEndpoint(uri, true, tlsOf(own)));
        }
        if (!host.skipUpstream()) {
            endpoints.addAll(upstream(registryHost, host));
        }
        if (endpoints.isEmpty()) {
            throw ImageException.precondition("registry " + registryHost + " has skipUpstream and no mirrors configured");
        }
        return List.copyOf(endpoints);
    }

    private List<RegistryEndpoint> upstream(String registryHost, RegistryHostConfig host) {
        if (!host.server().isEmpty()) {
            return List.of(new RegistryEndpoint(parseEndpoint(host.server(), registryHost), false, tlsOf(host)));
        }
        if (registryHost.equals(ImageReference.DOCKER_HUB)) {
            return List.of(new RegistryEndpoint(URI.create(DOCKER_HUB_SERVER), false, tlsOf(host)));
        }
        URI https = URI.create("https://" + registryHost);
        URI http = URI.create("http://" + registryHost);
        if (isLoopback(registryHost) && !registries.containsKey(registryHost)) {
            return List.of(new RegistryEndpoint(http, false, TlsSettings.SYSTEM));
        }
        if (host.insecure()) {
            return List.of(new RegistryEndpoint(https, false, tlsOf(host)),
                    new RegistryEndpoint(http, false, TlsSettings.SYSTEM));
        }
        return List.of(new RegistryEndpoint(https, false, tlsOf(host)));
    }

    private RegistryHostConfig settings(String registryHost) {
        RegistryHostConfig configured = registries.get(registryHost);
        return configured != null ? configured : new RegistryHostConfig(null, null, false, false, null);
    }

    private static TlsSettings tlsOf(RegistryHostConfig host) {
        return new TlsSettings(host.caFile(), host.insecure());
    }

    private static URI parseEndpoint(String endpoint, String registryHost) {
        String text = endpoint.contains("://") ? endpoint : "https://" + endpoint;
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawAuthority() == null) {
                throw new IllegalArgumentException("scheme must be http or https");
            }
            return uri;
        } catch (Exception e) {
            throw ImageException.invalid("registries." + registryHost + ": endpoint '" + endpoint + "' is not a URL ("
                    + e.getMessage() + ")");
        }
    }

    /** localhost, 127.0.0.0/8 and ::1, with or without a port. */
    static boolean isLoopback(String hostPort) {
        String host = hostPort;
        if (host.startsWith("[")) {
            host = host.substring(1, host.indexOf(']'));
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.equalsIgnoreCase("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
    }
}
