package dev.janus.isolation.uvm.disk;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * How big an ext4 image must be to hold an unpacked layer: data blocks of files, directories
 * and long symlinks, inode tables, per-group bitmaps, plus headroom, so that {@code mke2fs -d}
 * never runs out of blocks or inodes and the image stays small.
 */
record LayerSize(long blocks, long inodes) {

    static final int BLOCK = 4096;
    private static final int INODE_SIZE = 256;
    private static final long BLOCKS_PER_GROUP = 32768;
    /** ext4 extents: four fit in the inode; beyond ~4 x 128 MiB a file needs an index block. */
    private static final long EXTENT_BYTES = 128L << 20;

    static LayerSize of(Path dir) throws IOException {
        long[] blocks = {0};
        long[] inodes = {0};
        Set<Object> seen = new HashSet<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                inodes[0]++;
                try (var entries = Files.list(d)) {
                    // entries: 8 bytes of header + the name, 4-byte aligned; at least one block
                    long bytes = entries.mapToLong(e -> 8 + ((e.getFileName().toString().length() + 3) & ~3)).sum();
                    blocks[0] += Math.max(1, ceil(bytes * 3 / 2, BLOCK));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                // a hard link shares its inode and blocks (busybox's applets: hundreds of links)
                if (attrs.isRegularFile() && attrs.fileKey() != null && !seen.add(attrs.fileKey())) {
                    return FileVisitResult.CONTINUE;
                }
                inodes[0]++;
                if (attrs.isRegularFile()) {
                    blocks[0] += ceil(attrs.size(), BLOCK) + attrs.size() / (4 * EXTENT_BYTES);
                } else if (attrs.isSymbolicLink()) {
                    blocks[0] += 1; // targets of 60 bytes and more need a block
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new LayerSize(blocks[0], inodes[0]);
    }

    /** Inodes to ask mke2fs for: every entry, the reserved ones, and a margin. */
    long inodeCount() {
        return inodes + 16 + inodes / 10;
    }

    /** The image size in KiB: data, inode table, bitmaps and descriptors, 10% and 4 MiB spare. */
    long imageKib() {
        long metadataBlocks = ceil(inodeCount() * INODE_SIZE, BLOCK) + 4 * (blocks / BLOCKS_PER_GROUP + 1);
        long bytes = (blocks + metadataBlocks) * BLOCK;
        long withSlack = bytes + bytes / 10 + (4L << 20);
        return ceil(withSlack, 1L << 20) * 1024;
    }

    private static long ceil(long value, long unit) {
        return (value + unit - 1) / unit;
    }
}
