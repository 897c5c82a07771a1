package dev.janus.isolation.uvm.vm;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A disk given to a VM: an image file, read-only for image layers (the same file attached to
 * many VMs) or writable for scratch.
 *
 * @param id how the guest finds the disk: the virtio-blk serial under QEMU, so at most 20
 *     characters ({@code l-<16 hex of the layer digest>}, {@code s-<...>}); under Hyper-V the
 *     host maps it to a SCSI LUN or a VPMem slot
 * @param file a raw ext4 image; with a VHD footer for Hyper-V (QEMU ignores the 512 extra bytes)
 */
public record DiskSpec(String id, Path file, boolean readOnly) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,20}");

    public DiskSpec {
        Objects.requireNonNull(file, "file");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("disk id must be 1-20 of [A-Za-z0-9_-] (a virtio-blk serial): " + id);
        }
    }

    public static DiskSpec layer(String id, Path file) {
        return new DiskSpec(id, file, true);
    }

    public static DiskSpec scratch(String id, Path file) {
        return new DiskSpec(id, file, false);
    }
}
