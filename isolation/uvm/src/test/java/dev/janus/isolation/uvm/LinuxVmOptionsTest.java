package dev.janus.isolation.uvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinuxVmOptionsTest {

    @Test
    void defaults() {
        String before = System.getProperty(LinuxVmOptions.IMAGE_DIR_PROPERTY);
        System.setProperty(LinuxVmOptions.IMAGE_DIR_PROPERTY, "/opt/janus/uvm");
        try {
            LinuxVmOptions options = LinuxVmOptions.from(Map.of());
            assertEquals(Path.of("/opt/janus/uvm"), options.imageDir());
            assertEquals(512, options.memoryMib());
            assertEquals(1, options.vcpus());
            assertEquals("auto", options.vmHost());
            assertEquals("auto", options.accel());
            assertEquals(10, options.scratchGib());
            assertEquals(Duration.ofSeconds(180), options.bootTimeout());
            assertEquals(192, options.guestReserveMib());
        } finally {
            if (before == null) {
                System.clearProperty(LinuxVmOptions.IMAGE_DIR_PROPERTY);
            } else {
                System.setProperty(LinuxVmOptions.IMAGE_DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void valuesAsYamlGivesThem() {
        LinuxVmOptions options = LinuxVmOptions.from(Map.of("imageDir", "/images/uvm", "memoryMib", 1024,
                "vcpus", "2", "vmHost", "QEMU", "accel", "tcg", "scratchGib", 20L, "bootTimeoutSeconds", 60, "tcgCpu", "max"));
        assertEquals(Path.of("/images/uvm"), options.imageDir());
        assertEquals(1024, options.memoryMib());
        assertEquals(2, options.vcpus());
        assertEquals("qemu", options.vmHost());
        assertEquals("tcg", options.accel());
        assertEquals(20, options.scratchGib());
        assertEquals(Duration.ofSeconds(60), options.bootTimeout());
        assertEquals("max", options.tcgCpu());
    }

    @Test
    void badValuesAndUnknownKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LinuxVmOptions.from(Map.of("memoryMib", 64)));
        assertThrows(IllegalArgumentException.class, () -> LinuxVmOptions.from(Map.of("vcpus", "many")));
        assertThrows(IllegalArgumentException.class, () -> LinuxVmOptions.from(Map.of("vmHost", "vmware")));
        assertThrows(IllegalArgumentException.class, () -> LinuxVmOptions.from(Map.of("accel", "hvf")));
        assertThrows(IllegalArgumentException.class, () -> LinuxVmOptions.from(Map.of("scratchGib", 0)));
        assertThrows(IllegalArgumentException.class, () -> LinuxVmOptions.from(Map.of("guestReserveMib", 8)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinuxVmOptions.from(Map.of("memory", 512)));
        assertTrue(e.getMessage().contains("unknown option memory"), e.getMessage());
    }

    @Test
    void autoPicksTheVmHostOfTheOs() {
        LinuxVmOptions options = LinuxVmOptions.from(Map.of("imageDir", "/x"));
        assertEquals("qemu", options.effectiveVmHost("Linux"));
        assertEquals("hcs", options.effectiveVmHost("Windows Server 2022"));
        assertEquals("qemu", LinuxVmOptions.from(Map.of("imageDir", "/x", "vmHost", "qemu"))
                .effectiveVmHost("Windows 11"));
    }
}
