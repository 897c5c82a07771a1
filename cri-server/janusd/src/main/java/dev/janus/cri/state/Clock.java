package dev.janus.cri.state;

import java.time.Instant;

/** Wall-clock times in the unit CRI uses: nanoseconds since the epoch. */
public final class Clock {

    private Clock() {
    }

    public static long nowNanos() {
        return toNanos(Instant.now());
    }

    public static long toNanos(Instant instant) {
        return instant == null ? 0 : instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
