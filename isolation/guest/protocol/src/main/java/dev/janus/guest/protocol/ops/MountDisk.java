package dev.janus.guest.protocol.ops;

import java.util.List;

/**
 * MOUNT_DISK (5): finds a disk the host attached by its serial (waiting for hot-plug up to
 * {@code waitMillis}) and mounts it; idempotent for the same serial.
 *
 * @param serial what the host set (virtio-blk: at most 20 bytes), [A-Za-z0-9._-]
 * @param readOnly layers: true; the scratch disk: false
 * @param fsType "ext4" when empty
 * @param options extra mount options (e.g. "noload")
 */
public interface MountDisk {

    record Request(String serial, boolean readOnly, String fsType, List<String> options, long waitMillis) {
    }

    /** @param mountPoint where the guest mounted it */
    record Reply(String device, String mountPoint) {
    }
}
