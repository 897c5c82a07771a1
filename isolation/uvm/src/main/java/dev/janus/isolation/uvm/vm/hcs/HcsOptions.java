package dev.janus.isolation.uvm.vm.hcs;

/**
 * How janusd builds Linux utility VMs under Hyper-V.
 *
 * @param owner the HCS Owner of every system janusd creates; a restarted janusd enumerates by it
 * @param vpmemDevices VPMem slots for read-only layers (0: every layer on SCSI, as when the VM is
 *     fully physically backed); at most 128
 * @param vpmemMaxBytes the largest layer VPMem takes (device size; a multiple of 4096)
 * @param scsiControllers 1-4 controllers of 64 LUNs each
 * @param consolePipe connect COM1 to {@code \\.\pipe\janus-<id>-console} (boot phases, debugging)
 * @param terminateOnLastHandleClosed HCS ends the VM when janusd's handle closes; false keeps
 *     VMs through a janusd restart, like QEMU's
 */
public record HcsOptions(String owner, int vpmemDevices, long vpmemMaxBytes, int scsiControllers,
        boolean consolePipe, boolean terminateOnLastHandleClosed) {

    public HcsOptions {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("HCS owner must be set");
        }
        if (vpmemDevices < 0 || vpmemDevices > 128) {
            throw new IllegalArgumentException("VPMem devices must be 0-128, got " + vpmemDevices);
        }
        if (vpmemMaxBytes <= 0 || vpmemMaxBytes % 4096 != 0) {
            throw new IllegalArgumentException("VPMem device size must be a positive multiple of 4096");
        }
        if (scsiControllers < 1 || scsiControllers > HcsVmDocuments.SCSI_CONTROLLERS.size()) {
            throw new IllegalArgumentException("SCSI controllers must be 1-4, got " + scsiControllers);
        }
    }

    public static HcsOptions defaults() {
        return new HcsOptions("janus", 64, 4L << 30, 1, false, false);
    }

    public HcsOptions withVpmemDevices(int count) {
        return new HcsOptions(owner, count, vpmemMaxBytes, count == 0 ? 4 : scsiControllers, consolePipe,
                terminateOnLastHandleClosed);
    }
}
