package dev.janus.isolation.uvm.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.janus.isolation.uvm.testing.ItHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real mke2fs, read back with debugfs and e2fsck; qemu-img judges the VHD. */
class LayerDisksIT {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path tmp;

    @BeforeAll
    static void needs() {
        ItHost.assumeRoot();
        ItHost.assumeTools("mke2fs", "debugfs", "e2fsck", "mknod");
    }

    /** A layer as the unpacker leaves it for overlayfs: files, a whiteout, an opaque directory. */
    private Path layer() throws Exception {
        Path layer = tmp.resolve("layer");
        Files.createDirectories(layer.resolve("etc/opaque"));
        Files.writeString(layer.resolve("etc/hostname"), "janus\n");
        Files.write(layer.resolve("etc/blob"), new byte[3 << 20]);
        Files.createSymbolicLink(layer.resolve("etc/link"), Path.of("hostname"));
        ItHost.check("mknod", layer.resolve("etc/gone").toString(), "c", "0", "0");
        ItHost.setXattr(layer.resolve("etc/opaque"), "trusted.overlay.opaque", "y");
        ItHost.check("chown", "1000:1000", layer.resolve("etc/hostname").toString());
        return layer;
    }

    private static String debugfs(Path image, String request) {
        return ItHost.check("debugfs", "-R", request, image.toString());
    }

    @Test
    void imageKeepsFilesOwnersAndOverlayWhiteouts() throws Exception {
        Path image = new LayerDisks(tmp.resolve("disks"), false).ensure(DIGEST, layer());
        assertEquals(tmp.resolve("disks/sha256-" + "ab".repeat(32) + ".ext4"), image);
        ItHost.check("e2fsck", "-fn", image.toString());

        String whiteout = debugfs(image, "stat /etc/gone");
        assertTrue(whiteout.contains("Type: character special"), whiteout);
        assertTrue(whiteout.matches("(?s).*Device major/minor number: 00:00.*"), whiteout);
        String opaque = debugfs(image, "ea_list /etc/opaque");
        assertTrue(opaque.contains("trusted.overlay.opaque") && opaque.contains("\"y\""), opaque);
        String owner = debugfs(image, "stat /etc/hostname");
        assertTrue(owner.contains("User:  1000") && owner.contains("Group:  1000"), owner);
        assertTrue(debugfs(image, "cat /etc/hostname").contains("janus"));
        assertTrue(debugfs(image, "stat /etc/link").contains("Type: symlink"));
        assertTrue(Files.size(image) < 16L << 20, "sized to the layer, not padded: " + Files.size(image));
    }

    @Test
    void concurrentRequestsBuildOnce() throws Exception {
        Path layer = layer();
        LayerDisks disks = new LayerDisks(tmp.resolve("disks"), false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Path> request = () -> disks.ensure(DIGEST, layer);
            List<Future<Path>> results = pool.invokeAll(List.of(request, request, request, request));
            Set<Path> paths = results.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toSet());
            assertEquals(1, paths.size());
        } finally {
            pool.shutdown();
        }
        try (var files = Files.list(tmp.resolve("disks"))) {
            assertEquals(1, files.count(), "no partial images left");
        }
        long built = Files.getLastModifiedTime(disks.path(DIGEST)).toMillis();
        Thread.sleep(20);
        disks.ensure(DIGEST, layer);
        assertEquals(built, Files.getLastModifiedTime(disks.path(DIGEST)).toMillis(), "cached, not rebuilt");
    }

    @Test
    void vhdIsTheSameFileSystemWithAFooterQemuRecognizes() throws Exception {
        Path image = new LayerDisks(tmp.resolve("vhds"), true).ensure(DIGEST, layer());
        assertTrue(image.toString().endsWith(".vhd"));
        assertEquals(0, (Files.size(image) - VhdFooter.SIZE) % 4096);
        ItHost.check("e2fsck", "-fn", image.toString());
        if (ItHost.onPath("qemu-img")) {
            // a fixed VHD has its footer only at the end, so qemu-img must be told the format;
            // it rejects a footer whose cookie or checksum is wrong
            String info = ItHost.check("qemu-img", "info", "-f", "vpc", "--output=json", image.toString());
            assertTrue(info.contains("\"format\": \"vpc\""), info);
        }
    }

    @Test
    void scratchIsSparse() throws Exception {
        Path image = ScratchDisk.create(tmp.resolve("scratch.ext4"), 4, false);
        assertEquals(4L << 30, Files.size(image));
        long allocatedKib = Long.parseLong(ItHost.check("du", "-k", image.toString()).split("\\s+")[0]);
        assertTrue(allocatedKib < 200 * 1024, "sparse: " + allocatedKib + " KiB allocated");
        ItHost.check("e2fsck", "-fn", image.toString());
    }
}
