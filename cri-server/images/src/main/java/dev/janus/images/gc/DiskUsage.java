package dev.janus.images.gc;

import dev.janus.images.FsUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Bytes and inodes under a directory, counted as {@code du -sb} and {@code du --inodes} count
 * them: apparent sizes of everything (directories and symlinks included), each hard-linked
 * inode once. Symlinks are never followed. Files vanishing during the walk are skipped.
 */
public final class DiskUsage {

    private DiskUsage() {
    }

    public static FsUsage measure(Path root) {
        long[] bytesAndInodes = new long[2];
        Set<Object> linked = new HashSet<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    count(attrs.size());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isDirectory() && hardLinked(file) && !linked.add(attrs.fileKey())) {
                        return FileVisitResult.CONTINUE;
                    }
                    count(attrs.size());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                private void count(long size) {
                    bytesAndInodes[0] += size;
                    bytesAndInodes[1]++;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + root, e);
        }
        return new FsUsage(root, bytesAndInodes[0], bytesAndInodes[1], Instant.now());
    }

    private static boolean hardLinked(Path file) throws IOException {
        try {
            return ((Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)) > 1;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
