package dev.janus.images;

/**
 * Retries of registry requests after 5xx, 429 and broken connections: {@code attempts} tries in
 * all, waiting {@code initialBackoffMillis} and doubling up to {@code maxBackoffMillis}.
 */
public record RetryConfig(int attempts, long initialBackoffMillis, long maxBackoffMillis) {

    public static final RetryConfig DEFAULTS = new RetryConfig(5, 200, 5_000);

    public RetryConfig {
        attempts = attempts > 0 ? attempts : 5;
        initialBackoffMillis = initialBackoffMillis > 0 ? initialBackoffMillis : 200;
        maxBackoffMillis = maxBackoffMillis > 0 ? Math.max(maxBackoffMillis, initialBackoffMillis) : 5_000;
    }

    /** How long to wait before retry number {@code retry} (1 for the first retry). */
    public long backoffMillis(int retry) {
        long delay = initialBackoffMillis << Math.min(Math.max(retry - 1, 0), 20);
        return Math.min(delay, maxBackoffMillis);
    }
}
