package dev.janus.isolation.oci;

import dev.janus.isolation.fs.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where removed bundles and writable layers go: one rename takes them out of sight at once, and a
 * background thread deletes them file by file (on a slow disk that can take longer than the CRI
 * call itself should). Whatever a crash left here is deleted at the next start.
 */
final class Trash {

    private static final Logger LOG = LoggerFactory.getLogger(Trash.class);

    private final Path dir;

    Trash(Path dir) {
        this.dir = dir;
    }

    /** Empties what an earlier janusd left, in the background. */
    void emptyLater() throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> left = Files.list(dir)) {
            left.forEach(this::deleteLater);
        }
    }

    /** Takes {@code victim} away now and deletes it later; an absent victim is fine. */
    void discard(Path victim) {
        if (!Files.exists(victim, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path target = dir.resolve(victim.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.move(victim, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another filesystem or already gone: delete in place, now
            Trees.delete(victim);
            return;
        }
        deleteLater(target);
    }

    private void deleteLater(Path path) {
        Thread.ofVirtual().name("trash").start(() -> {
            try {
                Trees.delete(path);
            } catch (RuntimeException e) {
                LOG.warn("cannot delete {}: {}", path, e.getMessage());
            }
        });
    }
}
