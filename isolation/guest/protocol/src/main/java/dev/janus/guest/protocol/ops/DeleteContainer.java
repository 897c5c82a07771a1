package dev.janus.guest.protocol.ops;

/**
 * DELETE_CONTAINER (13): removes the container from the runtime, unmounts its rootfs, deletes its
 * bundle and its upper directory. Running without {@code force}: FAILED_PRECONDITION; with it,
 * killed first. Unknown id: success.
 */
public interface DeleteContainer {

    record Request(String id, boolean force) {
    }

    record Reply() {
    }
}
