package dev.janus.isolation.uvm.vm;

/**
 * Where the guest finds a disk the host attached; the agent protocol carries it. QEMU gives
 * every disk a virtio-blk serial; Hyper-V has no serials, so the host says which device it chose.
 */
public sealed interface DiskAddress {

    /** virtio-blk: {@code /sys/block/vd*}{@code /serial} holds this value. */
    record Serial(String serial) implements DiskAddress {
    }

    /** Hyper-V VPMem: {@code /dev/pmem<device>}. */
    record Pmem(int device) implements DiskAddress {
    }

    /** Hyper-V SCSI: controller index 0-3 (a fixed VMBus GUID each) and LUN 0-63. */
    record Scsi(int controller, int lun) implements DiskAddress {
    }
}
