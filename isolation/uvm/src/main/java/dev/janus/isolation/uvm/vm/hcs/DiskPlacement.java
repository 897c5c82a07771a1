package dev.janus.isolation.uvm.vm.hcs;

import dev.janus.isolation.uvm.disk.VhdFooter;
import dev.janus.isolation.uvm.vm.DiskAddress;
import dev.janus.isolation.uvm.vm.DiskSpec;
import dev.janus.isolation.uvm.vm.VmException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Picks a device for each disk of a Hyper-V VM: a read-only layer goes to a free VPMem slot if
 * it fits the device size (a direct map of the file, no storage stack in the guest), everything
 * else to the first free SCSI LUN. Freed places are reused. Not thread-safe: the VM serializes.
 */
final class DiskPlacement {

    static final int LUNS_PER_CONTROLLER = 64;

    private final HcsOptions options;
    private final ToLongFunction<Path> fileSize;
    private final TreeSet<Integer> freeVpmem = new TreeSet<>();
    private final TreeSet<Integer> freeScsi = new TreeSet<>();
    private final Map<String, DiskAddress> placed = new HashMap<>();

    DiskPlacement(HcsOptions options, ToLongFunction<Path> fileSize) {
        this.options = options;
        this.fileSize = fileSize;
        for (int i = 0; i < options.vpmemDevices(); i++) {
            freeVpmem.add(i);
        }
        for (int i = 0; i < options.scsiControllers() * LUNS_PER_CONTROLLER; i++) {
            freeScsi.add(i);
        }
    }

    DiskAddress place(DiskSpec disk) {
        if (placed.containsKey(disk.id())) {
            throw new VmException(VmException.Kind.ALREADY_EXISTS, "disk " + disk.id() + " is attached already");
        }
        DiskAddress address;
        long dataBytes = fileSize.applyAsLong(disk.file()) - VhdFooter.SIZE;
        if (disk.readOnly() && !freeVpmem.isEmpty() && dataBytes <= options.vpmemMaxBytes()) {
            address = new DiskAddress.Pmem(freeVpmem.pollFirst());
        } else if (!freeScsi.isEmpty()) {
            int slot = freeScsi.pollFirst();
            address = new DiskAddress.Scsi(slot / LUNS_PER_CONTROLLER, slot % LUNS_PER_CONTROLLER);
        } else {
            throw new VmException(VmException.Kind.RESOURCE_EXHAUSTED, "no free VPMem slot or SCSI LUN for disk "
                    + disk.id());
        }
        placed.put(disk.id(), address);
        return address;
    }

    DiskAddress address(String diskId) {
        DiskAddress address = placed.get(diskId);
        if (address == null) {
            throw new VmException(VmException.Kind.NOT_FOUND, "no disk " + diskId + " is attached");
        }
        return address;
    }

    void release(String diskId) {
        switch (placed.remove(diskId)) {
            case DiskAddress.Pmem p -> freeVpmem.add(p.device());
            case DiskAddress.Scsi s -> freeScsi.add(s.controller() * LUNS_PER_CONTROLLER + s.lun());
            case null, default -> { }
        }
    }
}
