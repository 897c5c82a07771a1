package dev.janus.isolation.ocispec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path resolution inside an image rootfs never leaves it. */
class RootfsFilesTest {

    @TempDir
    Path root;

    @Test
    void dotDotStopsAtTheRoot() throws IOException {
        assertEquals(root.resolve("etc/passwd"), RootfsFiles.resolve(root, "/../../etc/./passwd"));
    }

    @Test
    void absoluteAndChainedLinksResolveInside() throws IOException {
        Files.createDirectories(root.resolve("usr/lib"));
        Files.createSymbolicLink(root.resolve("etc"), Path.of("/usr/lib/etc"));
        Files.createSymbolicLink(root.resolve("usr/lib/etc"), Path.of("../../../../real"));
        assertEquals(root.resolve("real/group"), RootfsFiles.resolve(root, "/etc/group"));
    }

    @Test
    void loopsFail() throws IOException {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("/a"));
        assertThrows(IOException.class, () -> RootfsFiles.resolve(root, "/a/x"));
    }
}
