package dev.janus.cri.streaming;

import java.time.Duration;

/** Limits every streaming connection gets. */
record ConnectionSettings(Duration idleTimeout, Duration streamCreationTimeout) {
}
