package dev.janus.isolation.uvm.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerSizeTest {

    @Test
    void countsBlocksOfFilesAndDirectoriesAndOneInodePerEntry(@TempDir Path layer) throws Exception {
        Files.createDirectories(layer.resolve("etc"));
        Files.write(layer.resolve("etc/big"), new byte[10_000]);
        Files.writeString(layer.resolve("etc/small"), "x");
        Files.createSymbolicLink(layer.resolve("link"), Path.of("etc/small"));
        LayerSize size = LayerSize.of(layer);
        assertEquals(5, size.inodes(), "two directories, two files, one symlink");
        assertEquals(2 + 3 + 1 + 1, size.blocks(), "a block per directory, 3 + 1 for the files, 1 for the link");
    }

    @Test
    void countsAHardLinkedFileOnce(@TempDir Path layer) throws Exception {
        Files.write(layer.resolve("busybox"), new byte[1 << 20]);
        for (int i = 0; i < 50; i++) {
            Files.createLink(layer.resolve("applet" + i), layer.resolve("busybox"));
        }
        LayerSize size = LayerSize.of(layer);
        assertEquals(2, size.inodes(), "the directory and one file, however many names it has");
        assertTrue(size.blocks() < 260 + 2, "one MiB of data, not 51: " + size.blocks());
    }

    @Test
    void imageHasRoomForMetadataAndSlack() {
        LayerSize size = new LayerSize(25_600, 1_000); // 100 MiB of data
        assertTrue(size.imageKib() > 110 * 1024 && size.imageKib() < 120 * 1024, "" + size.imageKib());
        assertEquals(0, size.imageKib() % 1024, "whole MiB");
        assertEquals(1_116, size.inodeCount());
    }

    @Test
    void layerImagesAreReadOnlyShapedAndDeterministic() {
        List<String> argv = Mke2fs.layerArgv(Path.of("/l"), Path.of("/d/x.ext4"), 8192, 100, "u");
        assertEquals(List.of("/usr/sbin/mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-I", "256", "-N", "100",
                "-m", "0", "-O", "^has_journal,^resize_inode", "-E", "root_owner=0:0,hash_seed=u,nodiscard",
                "-U", "u", "-L", "janus-layer", "-d", "/l", "/d/x.ext4", "8192k"), argv);
    }
}
