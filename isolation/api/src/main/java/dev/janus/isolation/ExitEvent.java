package dev.janus.isolation;

import java.time.Instant;

/** A container or sandbox holder ended; {@code id} is the one cri-server gave. */
public record ExitEvent(String id, int exitCode, Instant at) {
}
