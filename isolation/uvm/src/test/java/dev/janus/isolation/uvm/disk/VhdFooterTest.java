package dev.janus.isolation.uvm.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Field by field against the VHD specification's footer layout (all big-endian). */
class VhdFooterTest {

    private static final Instant CREATED = Instant.parse("2026-11-22T00:00:00Z");
    private static final UUID ID = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");

    @Test
    void footerFieldsSitWhereTheSpecificationPutsThem() {
        long size = 16L << 20;
        ByteBuffer f = ByteBuffer.wrap(VhdFooter.build(size, CREATED, ID));
        assertEquals(512, f.capacity());
        assertEquals("conectix", new String(f.array(), 0, 8, StandardCharsets.US_ASCII));
        assertEquals(0x00000002, f.getInt(8), "features: reserved bit always set");
        assertEquals(0x00010000, f.getInt(12), "file format version 1.0");
        assertEquals(-1L, f.getLong(16), "data offset of a fixed disk");
        assertEquals(CREATED.getEpochSecond() - 946_684_800L, f.getInt(24) & 0xFFFFFFFFL, "seconds since 2000");
        assertEquals("Wi2k", new String(f.array(), 36, 4, StandardCharsets.US_ASCII));
        assertEquals(size, f.getLong(40), "original size");
        assertEquals(size, f.getLong(48), "current size");
        assertEquals(481, f.getShort(56) & 0xFFFF, "cylinders");
        assertEquals(4, f.get(58), "heads");
        assertEquals(17, f.get(59), "sectors per track");
        assertEquals(2, f.getInt(60), "disk type fixed");
        assertEquals(ID.getMostSignificantBits(), f.getLong(68));
        assertEquals(ID.getLeastSignificantBits(), f.getLong(76));
        assertEquals(0, f.get(84), "saved state");
        assertArrayEquals(new byte[427], Arrays.copyOfRange(f.array(), 85, 512), "reserved");
    }

    @Test
    void checksumIsTheOnesComplementOfTheByteSum() {
        byte[] footer = VhdFooter.build(1L << 30, CREATED, ID);
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 64 && i < 68) ? 0 : footer[i] & 0xFF;
        }
        assertEquals(~sum, ByteBuffer.wrap(footer).getInt(64));
    }

    @Test
    void geometryFollowsTheSpecificationsAlgorithm() {
        assertEquals(new VhdFooter.Geometry(481, 4, 17), VhdFooter.geometry((16L << 20) / 512));
        // 200 MiB: 17 sectors per track would need 24 heads; 31 fit in 16
        assertEquals(new VhdFooter.Geometry(825, 16, 31), VhdFooter.geometry((200L << 20) / 512));
        // 1 GiB: 31 sectors would need more than 1024 cylinders per head; 63 do
        assertEquals(new VhdFooter.Geometry(2080, 16, 63), VhdFooter.geometry((1L << 30) / 512));
        // 20 GiB: 63 sectors per track
        assertEquals(new VhdFooter.Geometry(41610, 16, 63), VhdFooter.geometry((20L << 30) / 512));
        // past 127 GiB the geometry is capped at 65535/16/255
        assertEquals(new VhdFooter.Geometry(65535, 16, 255), VhdFooter.geometry((2L << 40) / 512));
    }

    @Test
    void sizeMustBeWholeSectors() {
        assertThrows(IllegalArgumentException.class, () -> VhdFooter.build(1000, CREATED, ID));
    }

    @Test
    void appendingTwiceAddsOneFooter(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("layer.ext4");
        Files.write(image, new byte[8192]);
        VhdFooter.append(image, "sha256:x");
        VhdFooter.append(image, "sha256:x");
        byte[] bytes = Files.readAllBytes(image);
        assertEquals(8192 + 512, bytes.length);
        assertEquals("conectix", new String(bytes, 8192, 8, StandardCharsets.US_ASCII));
        assertEquals(8192, ByteBuffer.wrap(bytes).getLong(8192 + 48));
    }
}
