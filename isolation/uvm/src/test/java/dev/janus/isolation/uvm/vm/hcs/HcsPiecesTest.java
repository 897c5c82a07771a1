package dev.janus.isolation.uvm.vm.hcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.uvm.vm.DiskAddress;
import dev.janus.isolation.uvm.vm.DiskSpec;
import dev.janus.isolation.uvm.vm.VmException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HcsPiecesTest {

    @Test
    void smallLayersGoToVpmemScratchAndBigLayersToScsiAndPlacesComeBack() {
        HcsOptions options = new HcsOptions("janus", 1, 1L << 30, 1, false, false);
        DiskPlacement placement = new DiskPlacement(options, p -> p.toString().contains("big") ? 2L << 30 : 1L << 20);
        assertEquals(new DiskAddress.Pmem(0), placement.place(DiskSpec.layer("a", Path.of("a"))));
        assertEquals(new DiskAddress.Scsi(0, 0), placement.place(DiskSpec.layer("b", Path.of("b"))),
                "VPMem full");
        assertEquals(new DiskAddress.Scsi(0, 1), placement.place(DiskSpec.layer("c", Path.of("big"))));
        assertEquals(new DiskAddress.Scsi(0, 2), placement.place(DiskSpec.scratch("s", Path.of("s"))));
        assertThrows(VmException.class, () -> placement.place(DiskSpec.layer("a", Path.of("a"))));
        placement.release("a");
        assertEquals(new DiskAddress.Pmem(0), placement.place(DiskSpec.layer("d", Path.of("d"))));
        placement.release("b");
        assertEquals(new DiskAddress.Scsi(0, 1), placement.address("c"));
        assertEquals(new DiskAddress.Scsi(0, 0), placement.place(DiskSpec.scratch("t", Path.of("t"))));
    }

    @Test
    void scsiFillsControllersInOrder() {
        HcsOptions options = new HcsOptions("janus", 0, 4096, 2, false, false);
        DiskPlacement placement = new DiskPlacement(options, p -> 1L << 20);
        for (int i = 0; i < 64; i++) {
            placement.place(DiskSpec.scratch("s" + i, Path.of("s" + i)));
        }
        assertEquals(new DiskAddress.Scsi(1, 0), placement.place(DiskSpec.layer("next", Path.of("n"))));
    }

    @Test
    void hcsErrorsMatchBothSpellings() {
        assertTrue(HcsException.is(0x8037010E, HcsException.HCS_E_SYSTEM_NOT_FOUND));
        assertTrue(HcsException.is(0xC037010E, HcsException.HCS_E_SYSTEM_NOT_FOUND));
        assertFalse(HcsException.is(0x8007010E, HcsException.HCS_E_SYSTEM_NOT_FOUND));
        assertEquals(VmException.Kind.NOT_FOUND,
                new HcsException("open", "p@vm", 0xC037010E, null).kind());
    }

    @Test
    void runtimeIdComesFromTheBasicProperties() {
        assertEquals("5e0b7a04-6d02-4d8e-8f5e-0c3c4a1d2b3f", HcsVm.runtimeId(
                "{\"Id\":\"p@vm\",\"SystemType\":\"VirtualMachine\",\"RuntimeId\":\"5e0b7a04-6d02-4d8e-8f5e-0c3c4a1d2b3f\"}"));
    }

    @Test
    void memoryIsRoundedUpToEvenMegabytes() {
        assertEquals(1024, HcsVmDocuments.evenMegabytes(1023));
        assertEquals(512, HcsVmDocuments.evenMegabytes(512));
        assertArrayEquals(new int[] {2, 2}, Arrays.stream(new int[] {1, 2}).map(HcsVmDocuments::evenMegabytes).toArray());
    }
}
