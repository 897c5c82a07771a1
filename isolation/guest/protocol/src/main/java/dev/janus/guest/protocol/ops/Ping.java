package dev.janus.guest.protocol.ops;

/** PING (2): liveness; cheap enough to send every few seconds. */
public interface Ping {

    record Request() {
    }

    record Reply(long uptimeMillis, long rssBytes) {
    }
}
