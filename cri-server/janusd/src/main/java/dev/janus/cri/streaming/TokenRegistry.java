package dev.janus.cri.streaming;

import dev.janus.cri.errors.CriException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streaming requests waiting for their client, by token. A token is 256 random bits, usable
 * once, and only until its time is up; an unknown, used or expired token finds nothing.
 */
final class TokenRegistry {

    private record Entry(StreamTarget target, long expiresAtNanos) {
    }

    private final Map<String, Entry> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration ttl;
    private final int max;

    TokenRegistry(Duration ttl, int max) {
        this.ttl = ttl;
        this.max = max;
    }

    String register(StreamTarget target) {
        long now = System.nanoTime();
        pending.values().removeIf(entry -> entry.expiresAtNanos() - now < 0);
        if (pending.size() >= max) {
            throw new CriException(CriException.Kind.RESOURCE_EXHAUSTED, "too many streaming requests ("
                    + max + ") wait for their client; try again later");
        }
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        pending.put(token, new Entry(target, now + ttl.toNanos()));
        return token;
    }

    /** The target of {@code token}, which is used up; null if there is none or its time is up. */
    StreamTarget consume(String token) {
        Entry entry = pending.remove(token);
        if (entry == null || entry.expiresAtNanos() - System.nanoTime() < 0) {
            return null;
        }
        return entry.target();
    }
}
