package dev.janus.isolation.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/** Bytes and inodes under a directory, counted as du does (hard links once). */
public final class DirectoryUsage {

    public record Totals(long bytes, long inodes) {
    }

    private DirectoryUsage() {
    }

    public static Totals of(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new Totals(0, 0);
        }
        long[] totals = new long[2];
        Set<Object> seen = new HashSet<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    count(attrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    count(attrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                private void count(BasicFileAttributes attrs) {
                    if (attrs.fileKey() == null || seen.add(attrs.fileKey())) {
                        totals[0] += attrs.size();
                        totals[1]++;
                    }
                }
            });
        } catch (IOException e) {
            return new Totals(totals[0], totals[1]);
        }
        return new Totals(totals[0], totals[1]);
    }
}
