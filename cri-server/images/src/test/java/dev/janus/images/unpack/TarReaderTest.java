package dev.janus.images.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.images.ImageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TarReaderTest {

    /** Binary xattr values (file capabilities) must survive byte for byte. */
    @Test
    void keepsBinaryXattrValuesAndLongNames() throws Exception {
        byte[] capability = {0x01, 0x00, 0x00, 0x02, (byte) 0xff, (byte) 0xc0, 0x00, 0x00, 0x00, 0x00};
        String longName = "dir/" + "n".repeat(150);
        ByteArrayOutputStream pax = new ByteArrayOutputStream();
        record(pax, "path", longName.getBytes(StandardCharsets.UTF_8));
        record(pax, "SCHILY.xattr.security.capability", capability);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header("PaxHeader", 'x', pax.size(), 0644));
        tar.write(padded(pax.toByteArray()));
        tar.write(header("short-name", '0', 5, 04755));
        tar.write(padded("hello".getBytes(StandardCharsets.UTF_8)));
        tar.write(new byte[1024]);

        TarReader reader = new TarReader(new ByteArrayInputStream(tar.toByteArray()));
        TarEntry entry = reader.next();
        assertEquals(longName, entry.name());
        assertEquals(TarEntry.FILE, entry.type());
        assertEquals(04755, entry.mode());
        assertArrayEquals(capability, entry.xattrs().get("security.capability"));
        assertEquals("hello", new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
        assertNull(reader.next());
    }

    @Test
    void skipsUnreadContent() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header("a", '0', 700, 0644));
        tar.write(padded(new byte[700]));
        tar.write(header("b", '5', 0, 0755));
        TarReader reader = new TarReader(new ByteArrayInputStream(tar.toByteArray()));
        assertEquals("a", reader.next().name());
        TarEntry b = reader.next();
        assertEquals("b", b.name());
        assertEquals(TarEntry.DIRECTORY, b.type());
        assertNull(reader.next()); // no end-of-archive blocks: tolerated
    }

    /** Some tools end a layer right after the last file's bytes, with no padding or trailer. */
    @Test
    void archiveEndingRightAfterTheLastFileEnds() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header("marker", '0', 13, 0644));
        tar.write("test-image-1\n".getBytes(StandardCharsets.UTF_8));
        TarReader reader = new TarReader(new ByteArrayInputStream(tar.toByteArray()));
        assertEquals("marker", reader.next().name());
        assertNull(reader.next());
    }

    @Test
    void refusesContentOrPaddingCutShort() throws Exception {
        ByteArrayOutputStream cutContent = new ByteArrayOutputStream();
        cutContent.write(header("a", '0', 700, 0644));
        cutContent.write(new byte[600]);
        TarReader reader = new TarReader(new ByteArrayInputStream(cutContent.toByteArray()));
        reader.next();
        assertThrows(ImageException.class, reader::next);

        ByteArrayOutputStream cutPadding = new ByteArrayOutputStream();
        cutPadding.write(header("a", '0', 700, 0644));
        cutPadding.write(new byte[800]);
        TarReader partial = new TarReader(new ByteArrayInputStream(cutPadding.toByteArray()));
        partial.next();
        assertThrows(ImageException.class, partial::next);
    }

    @Test
    void refusesBadChecksumsAndSparseFiles() throws Exception {
        byte[] bad = header("a", '0', 0, 0644);
        bad[0] = 'b';
        assertThrows(ImageException.class, () -> new TarReader(new ByteArrayInputStream(bad)).next());
        ImageException sparse = assertThrows(ImageException.class,
                () -> new TarReader(new ByteArrayInputStream(header("s", 'S', 0, 0644))).next());
        assertTrue(sparse.getMessage().contains("sparse"));
    }

    @Test
    void readsBase256Numbers() throws Exception {
        byte[] h = header("big", '0', 0, 0644);
        h[108] = (byte) 0x80; // uid in base-256: 0x80 00 00 00 00 01 00 00 = 65536
        for (int i = 109; i < 116; i++) {
            h[i] = 0;
        }
        h[113] = 1;
        checksum(h);
        assertEquals(65536, new TarReader(new ByteArrayInputStream(h)).next().uid());
    }

    static byte[] header(String name, char type, long size, int mode) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, String.format("%07o", mode));
        put(h, 108, String.format("%07o", 0));
        put(h, 116, String.format("%07o", 0));
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 1700000000L));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        checksum(h);
        return h;
    }

    private static void checksum(byte[] h) {
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
    }

    private static void put(byte[] h, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }

    private static byte[] padded(byte[] data) {
        byte[] out = new byte[(data.length + 511) / 512 * 512];
        System.arraycopy(data, 0, out, 0, data.length);
        return out;
    }

    private static void record(ByteArrayOutputStream out, String key, byte[] value) throws Exception {
        int base = key.length() + value.length + 3;
        int length = base + String.valueOf(base).length();
        if (String.valueOf(length).length() != String.valueOf(base).length()) {
            length++;
        }
        out.write((length + " " + key + "=").getBytes(StandardCharsets.UTF_8));
        out.write(value);
        out.write('\n');
    }
}
