package dev.janus.guest.protocol.ops;

/**
 * WAIT_CONTAINER (12): waits up to {@code timeoutMillis} for the container to exit.
 *
 * @param exited false: still running when the time was up
 * @param oomKilled as in {@link Exited}
 */
public interface WaitContainer {

    record Request(String id, long timeoutMillis) {
    }

    record Reply(boolean exited, int exitCode, long finishedAtUnixNanos, boolean oomKilled) {
    }
}
