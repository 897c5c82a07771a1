package dev.janus.isolation.p9.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.janus.isolation.p9.wire.Errno;
import dev.janus.isolation.p9.wire.P9Error;

/** System calls with their errno turned into {@link P9Error}, which the session answers as Rlerror. */
final class Sys {

    private Sys() {
    }

    static P9Error error(LastErrorException e, String what) {
        return new P9Error(e.getErrorCode(), what + ": errno " + e.getErrorCode());
    }

    static FileStat stat(int fd) {
        try (Memory statx = new Memory(FileStat.STATX_SIZE)) {
            statx.clear();
            Posix.LIBC.statx(fd, "", Posix.AT_EMPTY_PATH | Posix.AT_SYMLINK_NOFOLLOW, Posix.STATX_ALL, statx);
            return FileStat.of(statx);
        } catch (LastErrorException e) {
            throw error(e, "statx");
        }
    }

    static int dup(int fd) {
        try {
            return Posix.LIBC.dup(fd);
        } catch (LastErrorException e) {
            throw error(e, "dup");
        }
    }

    static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                Posix.LIBC.close(fd);
            } catch (LastErrorException ignored) {
                // closing is all that can be done with it
            }
        }
    }

    /** A single path component: never empty, ".", "..", nor with a '/' or NUL in it. */
    static String component(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new P9Error(Errno.EINVAL, "not a file name: " + name);
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw new P9Error(Errno.ENAMETOOLONG, "name too long");
        }
        return name;
    }
}
