package dev.janus.guest.agent.containers;

import java.time.Instant;

/** Unix nanoseconds, the protocol's time unit. */
final class Clock {

    private Clock() {
    }

    static long unixNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
