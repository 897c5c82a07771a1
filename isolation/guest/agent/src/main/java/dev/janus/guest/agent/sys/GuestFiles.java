package dev.janus.guest.agent.sys;

import dev.janus.guest.agent.AgentException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** WRITE_FILE and the agent's own files: whole files, written beside and renamed into place. */
public final class GuestFiles {

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private GuestFiles() {
    }

    /** The path a host named, if acceptable: absolute and without "..". */
    public static Path checked(String path) {
        if (!path.startsWith("/") || !Path.of(path).normalize().toString().equals(path)) {
            throw AgentException.invalid("path %s: must be absolute and normalized", path);
        }
        return Path.of(path);
    }

    public static void write(Path target, byte[] content, int mode) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
            try {
                Files.write(temporary, content);
                Files.setPosixFilePermissions(temporary, permissions(mode == 0 ? 0644 : mode));
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw AgentException.internal("cannot write " + target, e);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(BITS[bit]);
            }
        }
        return set;
    }
}
