package dev.janus.guest.protocol.ops;

/**
 * PORT_FORWARD (18): connects to 127.0.0.1:{@code port} in the guest and relays: what the host
 * writes on {@code toGuest} goes to the socket, what the socket sends comes back on
 * {@code fromGuest}. The reply comes once connected (refused: UNAVAILABLE). Bound to the session.
 */
public interface PortForward {

    record Request(int port, int toGuest, int fromGuest) {
    }

    record Reply() {
    }
}
