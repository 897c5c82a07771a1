package dev.janus.images;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What ImageFsInfo reports for one filesystem: bytes are apparent sizes (as {@code du -sb}
 * counts them) and hard-linked files count once, as do their inodes.
 */
public record FsUsage(Path mountpoint, long usedBytes, long inodesUsed, Instant timestamp) {
}
