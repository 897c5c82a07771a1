package dev.janus.guest.protocol.ops;

import java.util.List;

/**
 * SHUTDOWN (19): stops every container (SIGTERM, SIGKILL after {@code stopTimeoutMillis}),
 * unmounts, syncs, replies, and exits; the guest's init then powers the VM off.
 *
 * @param problems what could not be cleaned up (the VM goes down anyway)
 */
public interface Shutdown {

    record Request(long stopTimeoutMillis) {
    }

    record Reply(List<String> problems) {
    }
}
