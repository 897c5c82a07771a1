package dev.janus.images.registry;

import dev.janus.images.ImagesConfig;
import dev.janus.images.RegistryAuth;
import dev.janus.images.reference.ImageReference;

/**
 * The OCI distribution (v2) client: long-lived, shared by all pulls. A pull opens a
 * {@link RepositorySession} for its repository, which knows the endpoints to try and the
 * pull's credentials.
 */
public final class RegistryClient {

    private final MirrorResolver mirrors;
    private final RegistryHttp http;
    private final BearerTokenFlow tokens;

    public RegistryClient(ImagesConfig config) {
        HttpClients clients = new HttpClients();
        RetryingSender sender = new RetryingSender(config.retry());
        this.mirrors = new MirrorResolver(config.registries());
        this.http = new RegistryHttp(clients, sender);
        this.tokens = new BearerTokenFlow(clients, sender);
    }

    public RepositorySession open(ImageReference reference, RegistryAuth auth) {
        Authenticator authenticator = new Authenticator(auth, reference.domain(), reference.path(), tokens);
        return new RepositorySession(reference, mirrors.endpointsFor(reference.domain()), http, authenticator);
    }
}
