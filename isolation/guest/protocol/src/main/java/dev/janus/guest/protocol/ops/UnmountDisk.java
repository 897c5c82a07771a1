package dev.janus.guest.protocol.ops;

/**
 * UNMOUNT_DISK (6): unmounts a disk mounted by MOUNT_DISK, so the host can detach it. Fails with
 * FAILED_PRECONDITION while a container's rootfs still uses it; succeeds if it is not mounted.
 */
public interface UnmountDisk {

    record Request(String serial) {
    }

    record Reply() {
    }
}
