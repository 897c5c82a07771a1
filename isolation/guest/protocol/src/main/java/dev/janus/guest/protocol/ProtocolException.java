package dev.janus.guest.protocol;

import java.io.IOException;

/**
 * The peer sent bytes this side cannot accept: a malformed frame, a bad message encoding, a
 * stream that overran its window. An {@link IOException} so read loops treat it like a broken
 * link: a frame-level error ends the session (the agent then waits for a new preamble), a
 * message-level error fails only the request that carried it.
 */
public final class ProtocolException extends IOException {

    public ProtocolException(String message) {
        super(message);
    }
}
