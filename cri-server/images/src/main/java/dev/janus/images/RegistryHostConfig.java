package dev.janus.images;

import java.util.List;

/**
 * Settings for one registry host (the job of containerd's {@code hosts.toml}).
 *
 * @param mirrors      endpoints tried in order before the registry itself, each
 *                     {@code scheme://host[:port][/path prefix]}; a mirror serves the registry's
 *                     repositories under the same path ({@code registry.k8s.io/x/y} from
 *                     {@code <mirror>/v2/x/y/...}). An explicit {@code http://} mirror is spoken
 *                     to in plain HTTP: writing it down is the admin's consent.
 * @param server       the registry's own endpoint, if not {@code https://<host>} (docker.io's
 *                     default is {@code https://registry-1.docker.io})
 * @param skipUpstream never fall back from the mirrors to the registry itself
 * @param insecure     the registry may be spoken to without TLS verification, or in plain HTTP
 *                     when TLS fails (as Docker's insecure-registries)
 * @param caFile       PEM file of extra CA certificates trusted for this host (on top of the system's)
 */
public record RegistryHostConfig(
        List<String> mirrors, String server, boolean skipUpstream, boolean insecure, String caFile) {

    public RegistryHostConfig {
        mirrors = mirrors == null ? List.of() : List.copyOf(mirrors);
        server = server == null ? "" : server;
        caFile = caFile == null ? "" : caFile;
    }

    public static RegistryHostConfig mirroredBy(String... mirrors) {
        return new RegistryHostConfig(List.of(mirrors), null, false, false, null);
    }
}
