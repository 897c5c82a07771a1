package dev.janus.images.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.janus.images.ImageException;
import dev.janus.images.testing.BuiltImage;
import dev.janus.images.testing.Compression;
import dev.janus.images.testing.HostileLayers;
import dev.janus.images.testing.Layer;
import dev.janus.images.testing.LayerBuilder;
import dev.janus.images.testing.TempDirs;
import dev.janus.images.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unpacks real layer tars into directories; needs root (chown, mknod, trusted.* xattrs). */
class LayerUnpackerTest {

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private Path tmp;

    @BeforeEach
    void createTemp() throws IOException {
        tmp = Files.createTempDirectory("janus-unpack-test-");
    }

    @AfterEach
    void deleteTemp() {
        TempDirs.delete(tmp);
    }

    @BeforeAll
    static void needsRoot() throws IOException {
        Path probe = Files.createTempFile("janus-root-probe", "");
        try {
            assumeTrue((Integer) Files.getAttribute(probe, "unix:uid") == 0, "unpacking needs root");
        } finally {
            Files.delete(probe);
        }
    }

    private final LayerUnpacker unpacker = new LayerUnpacker(16L << 20);

    private List<Path> unpackAll(List<Layer> layers) throws IOException {
        List<Path> snapshots = new ArrayList<>();
        for (Layer layer : layers) {
            Path dir = Files.createDirectories(tmp.resolve("snap" + snapshots.size()));
            unpacker.unpack(layer.blob().file(), layer.diffId(), dir, topFirst(snapshots));
            snapshots.add(dir);
        }
        return snapshots;
    }

    @Test
    void unpacksFilesLinksOwnersModesAndXattrs() throws IOException {
        BuiltImage image = TestImages.multiLayer(tmp.resolve("build"));
        List<Path> s = unpackAll(image.layers());
        Path base = s.get(0);
        Object busybox = attr(base.resolve("bin/busybox"), "fileKey");
        assertEquals(busybox, attr(base.resolve("bin/sh"), "fileKey"), "applets are hard links");
        assertEquals(1 + TestImages.APPLETS.size(), attr(base.resolve("bin/busybox"), "unix:nlink"));
        assertEquals(01777, mode(base.resolve("tmp")));
        assertEquals(FileTime.from(Instant.parse("2024-01-01T00:00:00Z")), Files.getLastModifiedTime(base.resolve("etc")));

        Path changes = s.get(2);
        assertEquals(04755, mode(changes.resolve("usr/local/bin/suid")));
        assertEquals(1000, attr(changes.resolve("home/user/owned"), "unix:uid"));
        assertEquals(1000, attr(changes.resolve("home/user/owned"), "unix:gid"));
        assertEquals(0750, mode(changes.resolve("home/user")));
        assertArrayEquals("yes".getBytes(), LibC.getXattr(changes.resolve("home/user/tagged"), "user.janus").orElseThrow());
        assertEquals(Path.of("owned"), Files.readSymbolicLink(changes.resolve("home/user/link")));
        assertEquals(S_IFIFO, typeBits(changes.resolve("home/user/pipe")));
    }

    @Test
    void convertsWhiteoutsToOverlayForm() throws IOException {
        List<Path> s = unpackAll(TestImages.multiLayer(tmp.resolve("build")).layers());
        Path changes = s.get(2);
        Path whiteout = changes.resolve("data/gone");
        assertEquals(S_IFCHR, typeBits(whiteout));
        assertEquals(0L, ((Number) attr(whiteout, "unix:rdev")).longValue());
        assertFalse(Files.exists(changes.resolve("data/.wh.gone"), LinkOption.NOFOLLOW_LINKS));
        assertArrayEquals("y".getBytes(), LibC.getXattr(changes.resolve("opt/old"), "trusted.overlay.opaque").orElseThrow());
        assertTrue(Files.exists(changes.resolve("opt/old/new")));
        assertFalse(Files.exists(changes.resolve("opt/old/.wh..wh..opq"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(S_IFCHR, typeBits(s.get(3).resolve("var/cache")));
        assertTrue(Files.isRegularFile(s.get(3).resolve("data/gone")));
    }

    @Test
    void impliedParentsTakeTheirMetadataFromLowerLayers() throws IOException {
        Layer base = TestImages.busyboxLayer(tmp.resolve("build"), Compression.GZIP);
        Layer top = LayerBuilder.create(tmp.resolve("build"), Compression.GZIP).file("tmp/x", "x\n")
                .file("newdir/y", "y\n").build();
        List<Path> s = unpackAll(List.of(base, top));
        assertEquals(01777, mode(s.get(1).resolve("tmp")));
        assertEquals(0755, mode(s.get(1).resolve("newdir")));
    }

    @Test
    void followsSymlinksOnlyInsideTheLayer() throws IOException {
        Layer layer = LayerBuilder.create(tmp.resolve("build"), Compression.NONE)
                .dir("real").symlink("rel", "real").file("rel/via-relative", "1\n")
                .symlink("abs", "/etc").file("abs/via-absolute", "2\n").build();
        Path s = unpackAll(List.of(layer)).get(0);
        assertTrue(Files.isRegularFile(s.resolve("real/via-relative"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isRegularFile(s.resolve("etc/via-absolute"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(Path.of("/etc/via-absolute")));
    }

    @Test
    void refusesEveryHostileLayerAndWritesNothingOutside() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        for (HostileLayers.Case c : HostileLayers.all(tmp.resolve("build"), outside)) {
            Layer hostile = c.image().layers().get(1);
            Path target = Files.createDirectories(tmp.resolve("hostile-" + c.name()));
            ImageException e = assertThrows(ImageException.class,
                    () -> unpacker.unpack(hostile.blob().file(), hostile.diffId(), target, List.of()), c.name());
            assertEquals(ImageException.Kind.INVALID_ARGUMENT, e.kind(), c.name());
            assertTrue(e.getMessage().contains(c.expected()), c.name() + ": " + e.getMessage());
            try (Stream<Path> left = Files.list(outside)) {
                assertEquals(List.of(), left.toList(), c.name() + " wrote outside the snapshot");
            }
        }
        assertFalse(Files.exists(Path.of("/etc/passwd").resolveSibling("stolen")));
    }

    @Test
    void refusesCorruptData() throws IOException {
        Layer good = LayerBuilder.create(tmp.resolve("build"), Compression.GZIP).file("a", "x".repeat(10000)).build();
        byte[] bytes = Files.readAllBytes(good.blob().file());
        Path truncated = tmp.resolve("truncated.gz");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Path target = Files.createDirectories(tmp.resolve("t"));
        ImageException e = assertThrows(ImageException.class, () -> unpacker.unpack(truncated, good.diffId(), target, List.of()));
        assertEquals(ImageException.Kind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    private static List<Path> topFirst(List<Path> bottomFirst) {
        List<Path> copy = new ArrayList<>(bottomFirst);
        Collections.reverse(copy);
        return copy;
    }

    private static Object attr(Path p, String name) throws IOException {
        if (name.equals("fileKey")) {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        }
        return Files.getAttribute(p, name, LinkOption.NOFOLLOW_LINKS);
    }

    private static int mode(Path p) throws IOException {
        return (Integer) attr(p, "unix:mode") & 07777;
    }

    private static int typeBits(Path p) throws IOException {
        return (Integer) attr(p, "unix:mode") & S_IFMT;
    }
}
