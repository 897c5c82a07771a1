package dev.janus.guest.agent.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * virtio-blk disks by the serial QEMU was given ({@code -device virtio-blk-pci,serial=...}):
 * the kernel shows it in /sys/block/vdX/serial; the device is /dev/vdX.
 */
public final class VirtioBlockDisks implements DiskLookup {

    private final Path sysBlock;
    private final Path dev;

    public VirtioBlockDisks() {
        this(Path.of("/sys/block"), Path.of("/dev"));
    }

    VirtioBlockDisks(Path sysBlock, Path dev) {
        this.sysBlock = sysBlock;
        this.dev = dev;
    }

    @Override
    public Optional<Path> find(String serial) throws IOException {
        try (DirectoryStream<Path> disks = Files.newDirectoryStream(sysBlock, "vd*")) {
            for (Path disk : disks) {
                try {
                    if (Files.readString(disk.resolve("serial")).trim().equals(serial)) {
                        return Optional.of(dev.resolve(disk.getFileName().toString()));
                    }
                } catch (NoSuchFileException e) {
                    // unplugged while we looked, or no serial: not this one
                }
            }
        }
        return Optional.empty();
    }
}
