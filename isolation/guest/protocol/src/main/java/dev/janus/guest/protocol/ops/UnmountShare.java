package dev.janus.guest.protocol.ops;

/**
 * UNMOUNT_SHARE (23): a share MOUNT_SHARE mounted goes (detached: it leaves once no container
 * uses it) and its relay stops. An unknown target: success. Added within version 1.
 */
public interface UnmountShare {

    record Request(String target) {
    }

    record Reply() {
    }
}
