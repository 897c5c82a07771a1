package dev.janus.isolation.uvm.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The 512-byte footer that makes a raw disk image a fixed VHD (Microsoft's Virtual Hard Disk
 * Image Format Specification): Hyper-V attaches layer and scratch images as VHDs, QEMU reads the
 * same file as raw and never looks at the last 512 bytes. All fields are big-endian.
 */
public final class VhdFooter {

    public static final int SIZE = 512;
    static final byte[] COOKIE = "conectix".getBytes(StandardCharsets.US_ASCII);
    /** VHD timestamps count seconds from 2000-01-01T00:00:00Z. */
    static final long EPOCH_2000 = 946_684_800L;
    private static final int FEATURES_RESERVED = 0x00000002;
    private static final int FORMAT_VERSION = 0x00010000;
    private static final long FIXED_DATA_OFFSET = 0xFFFFFFFFFFFFFFFFL;
    private static final int CREATOR_VERSION = 0x00010000;
    private static final int DISK_TYPE_FIXED = 2;

    /** Cylinders, heads, sectors per track, as the spec derives them from the size. */
    record Geometry(int cylinders, int heads, int sectorsPerTrack) {
    }

    private VhdFooter() {
    }

    /** The footer for a raw image of {@code diskSize} bytes (a multiple of 512). */
    public static byte[] build(long diskSize, Instant created, UUID uniqueId) {
        if (diskSize <= 0 || diskSize % 512 != 0) {
            throw new IllegalArgumentException("a VHD's size is a positive multiple of 512, not " + diskSize);
        }
        ByteBuffer footer = ByteBuffer.allocate(SIZE);
        footer.put(COOKIE);
        footer.putInt(FEATURES_RESERVED);
        footer.putInt(FORMAT_VERSION);
        footer.putLong(FIXED_DATA_OFFSET);
        footer.putInt((int) (created.getEpochSecond() - EPOCH_2000));
        footer.put("jnus".getBytes(StandardCharsets.US_ASCII));
        footer.putInt(CREATOR_VERSION);
        footer.put("Wi2k".getBytes(StandardCharsets.US_ASCII));
        footer.putLong(diskSize);
        footer.putLong(diskSize);
        Geometry g = geometry(diskSize / 512);
        footer.putShort((short) g.cylinders());
        footer.put((byte) g.heads());
        footer.put((byte) g.sectorsPerTrack());
        footer.putInt(DISK_TYPE_FIXED);
        int checksumAt = footer.position();
        footer.putInt(0);
        footer.putLong(uniqueId.getMostSignificantBits());
        footer.putLong(uniqueId.getLeastSignificantBits());
        footer.put((byte) 0); // saved state; the rest is reserved zeros
        byte[] bytes = footer.array();
        ByteBuffer.wrap(bytes).putInt(checksumAt, checksum(bytes));
        return bytes;
    }

    /** One's complement of the byte sum of the footer, its checksum field counted as zero. */
    static int checksum(byte[] footer) {
        int sum = 0;
        for (int i = 0; i < SIZE; i++) {
            if (i < 64 || i >= 68) {
                sum += footer[i] & 0xFF;
            }
        }
        return ~sum;
    }

    /** The CHS geometry algorithm of the VHD specification, appendix "CHS calculation". */
    static Geometry geometry(long totalSectors) {
        long sectors = Math.min(totalSectors, 65535L * 16 * 255);
        long sectorsPerTrack;
        long heads;
        long cylinderTimesHeads;
        if (sectors >= 65535L * 16 * 63) {
            sectorsPerTrack = 255;
            heads = 16;
            cylinderTimesHeads = sectors / sectorsPerTrack;
        } else {
            sectorsPerTrack = 17;
            cylinderTimesHeads = sectors / sectorsPerTrack;
            heads = Math.max(4, (cylinderTimesHeads + 1023) / 1024);
            if (cylinderTimesHeads >= heads * 1024 || heads > 16) {
                sectorsPerTrack = 31;
                heads = 16;
                cylinderTimesHeads = sectors / sectorsPerTrack;
            }
            if (cylinderTimesHeads >= heads * 1024) {
                sectorsPerTrack = 63;
                heads = 16;
                cylinderTimesHeads = sectors / sectorsPerTrack;
            }
        }
        return new Geometry((int) (cylinderTimesHeads / heads), (int) heads, (int) sectorsPerTrack);
    }

    /**
     * Appends a footer to a raw image, unless it ends with one already (a second call is a
     * no-op). The unique id is derived from {@code name}, so the same layer gets the same id.
     */
    public static void append(Path image, String name) throws IOException {
        try (FileChannel file = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = file.size();
            if (hasFooter(file)) {
                return;
            }
            byte[] footer = build(size, Instant.now(), UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buffer = ByteBuffer.wrap(footer);
            while (buffer.hasRemaining()) {
                file.write(buffer, size + buffer.position());
            }
            file.force(true);
        }
    }

    private static boolean hasFooter(FileChannel file) throws IOException {
        if (file.size() < SIZE) {
            return false;
        }
        ByteBuffer cookie = ByteBuffer.allocate(COOKIE.length);
        file.read(cookie, file.size() - SIZE);
        return Arrays.equals(cookie.array(), COOKIE);
    }
}
