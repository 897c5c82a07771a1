package dev.janus.guest.agent.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Disks as links named by serial in one directory, like /dev/disk/by-id: what tests give the
 * agent (loop devices), and a fallback for any platform that makes such links.
 */
public final class LinkedDisks implements DiskLookup {

    private final Path directory;

    public LinkedDisks(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<Path> find(String serial) throws IOException {
        Path link = directory.resolve(serial);
        return Files.exists(link) ? Optional.of(link.toRealPath()) : Optional.empty();
    }
}
