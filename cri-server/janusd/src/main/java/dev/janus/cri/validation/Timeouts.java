package dev.janus.cri.validation;

import java.time.Duration;

/**
 * Timeouts in seconds as CRI requests carry them (int64): negative is none, and anything beyond
 * a year is a year, so no later arithmetic on the duration (to milliseconds, to a deadline)
 * can overflow. A year is longer than any grace period a user means.
 */
public final class Timeouts {

    static final long MAX_SECONDS = 365L * 24 * 3600;

    private Timeouts() {
    }

    public static Duration seconds(long requested) {
        return Duration.ofSeconds(Math.max(0, Math.min(requested, MAX_SECONDS)));
    }
}
