package dev.janus.images.registry;

import dev.janus.images.ImageException;
import dev.janus.images.RegistryAuth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Authorization header of one pull, per endpoint. Nothing is sent until an endpoint
 * challenges; then the challenge decides: Bearer runs {@link BearerTokenFlow} (or uses the CRI
 * registry token as is), Basic sends the CRI credentials. Shared by a pull's concurrent downloads.
 */
public final class Authenticator {

    private final RegistryAuth auth;
    private final String registry;
    private final String repository;
    private final BearerTokenFlow tokens;
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    public Authenticator(RegistryAuth auth, String registry, String repository, BearerTokenFlow tokens) {
        this.auth = auth;
        this.registry = registry;
        this.repository = repository;
        this.tokens = tokens;
    }

    public Optional<String> header(RegistryEndpoint endpoint) {
        return Optional.ofNullable(headers.get(endpoint.authority()));
    }

    /**
     * Answers a 401 from {@code endpoint}. {@code rejected} is the header that was sent and
     * refused (or null); if answering would send the same again, the credentials are wrong.
     */
    public void answer(RegistryEndpoint endpoint, List<String> wwwAuthenticate, String rejected) {
        // a lock, not synchronized: token requests block, and on JDK 21 a virtual thread
        // blocking inside synchronized pins its carrier
        lock.lock();
        try {
            answerLocked(endpoint, wwwAuthenticate, rejected);
        } finally {
            lock.unlock();
        }
    }

    private void answerLocked(RegistryEndpoint endpoint, List<String> wwwAuthenticate, String rejected) {
        String current = headers.get(endpoint.authority());
        if (current != null && !current.equals(rejected)) {
            return;
        }
        List<AuthChallenge> challenges = AuthChallenge.parseAll(wwwAuthenticate);
        boolean ours = auth.appliesTo(endpoint.authority(), registry);
        Optional<RegistryAuth.Basic> basic = ours ? auth.basicCredentials() : Optional.empty();
        String header = null;
        for (AuthChallenge challenge : challenges) {
            if (challenge.scheme().equals("bearer")) {
                header = bearer(endpoint, challenge, basic, ours, rejected);
                break;
            }
            if (challenge.scheme().equals("basic") && basic.isPresent()) {
                header = BearerTokenFlow.basicHeader(basic.get());
                break;
            }
        }
        if (header == null) {
            throw unauthenticated(endpoint, challenges.isEmpty()
                    ? "answered 401 without a challenge we understand"
                    : "requires credentials (" + challenges.get(0).scheme() + ") and none were given");
        }
        if (header.equals(rejected)) {
            throw unauthenticated(endpoint, "refused the credentials"
                    + basic.map(b -> " of '" + b.username() + "'").orElse(""));
        }
        headers.put(endpoint.authority(), header);
    }

    private String bearer(RegistryEndpoint endpoint, AuthChallenge challenge, Optional<RegistryAuth.Basic> basic,
                          boolean ours, String rejected) {
        Optional<String> given = ours ? auth.bearer() : Optional.empty();
        if (given.isPresent() && !("Bearer " + given.get()).equals(rejected)) {
            return "Bearer " + given.get();
        }
        String scope = challenge.param("scope").isEmpty() ? "repository:" + repository + ":pull" : challenge.param("scope");
        Optional<String> identity = ours ? auth.identity() : Optional.empty();
        return "Bearer " + tokens.token(challenge, scope, basic, identity, endpoint.tls());
    }

    private static ImageException unauthenticated(RegistryEndpoint endpoint, String why) {
        return new ImageException(ImageException.Kind.UNAUTHENTICATED, "registry " + endpoint + " " + why);
    }
}
