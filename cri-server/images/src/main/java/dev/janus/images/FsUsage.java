package dev.janus.images;

import dev.janus.images.gc.DiskUsage;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What ImageFsInfo reports for one filesystem: bytes are apparent sizes (as {@code du -sb}
 * counts them) and hard-linked files count once, as do their inodes.
 */
public record FsUsage(Path mountpoint, long usedBytes, long inodesUsed, Instant timestamp) {

    /** Measures any directory the same way, e.g. the containers' writable layers for ImageFsInfo. */
    public static FsUsage measure(Path dir) {
        return DiskUsage.measure(dir);
    }
}
