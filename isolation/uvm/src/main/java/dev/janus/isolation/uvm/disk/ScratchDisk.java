package dev.janus.isolation.uvm.disk;

import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A writable ext4 disk for a container's or a pod's upper layers: a sparse file, so a 10 GiB
 * scratch costs the host only what the guest writes.
 */
public final class ScratchDisk {

    private ScratchDisk() {
    }

    /** Creates {@code image} of {@code gib} GiB; with a VHD footer for Hyper-V. */
    public static Path create(Path image, int gib, boolean vhd) {
        if (gib < 1 || gib > 1024) {
            throw CriException.invalid("scratch size must be 1-1024 GiB, not %d", gib);
        }
        try {
            Files.createDirectories(image.toAbsolutePath().getParent());
            Files.deleteIfExists(image);
            Mke2fs.run(Mke2fs.scratchArgv(image, (long) gib << 20, Optional.of("janus-scratch")));
            if (vhd) {
                VhdFooter.append(image, image.toString());
            }
            return image;
        } catch (IOException e) {
            throw CriException.internal("cannot create scratch disk " + image + ": " + e.getMessage(), e);
        }
    }
}
