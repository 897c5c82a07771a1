package dev.janus.guest.protocol;

import java.io.IOException;

/**
 * The session a stream or request belonged to is over (the link broke, or the host began a new
 * session). Relays that can be re-bound in the next session catch this one and wait.
 */
public final class SessionClosedException extends IOException {

    public SessionClosedException() {
        super("the agent session is over");
    }

    public SessionClosedException(String message) {
        super(message);
    }
}
