package dev.janus.guest.protocol.ops;

/** SYNC_TIME (3): sets the guest clock to the host's (after a suspend, or periodically). */
public interface SyncTime {

    record Request(long hostTimeUnixNanos) {
    }

    /** @param offsetNanos guest clock minus host clock before it was set */
    record Reply(long offsetNanos) {
    }
}
