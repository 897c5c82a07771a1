package dev.janus.isolation.p9.fs;

/**
 * 9P2000.L open flags (P9_DOTL_*) to Linux's. They share their values but for O_SYNC; FASYNC,
 * NOCTTY and LARGEFILE mean nothing to the server, and O_DIRECT is dropped: the server's buffers
 * are not aligned as it needs, and the guest sees the same data without it.
 */
final class OpenFlags {

    private static final int P9_FASYNC = 020000;
    private static final int P9_SYNC = 04000000;
    private static final int KEPT = Posix.O_ACCMODE | Posix.O_CREAT | Posix.O_EXCL | Posix.O_TRUNC | Posix.O_APPEND
            | Posix.O_NONBLOCK | Posix.O_DSYNC | Posix.O_DIRECTORY | Posix.O_NOFOLLOW | Posix.O_NOATIME;

    private OpenFlags() {
    }

    static int toLinux(int p9) {
        int flags = p9 & KEPT;
        if ((flags & Posix.O_ACCMODE) == 3) {
            flags &= ~Posix.O_ACCMODE; // "no access" (an ioctl-only open): read-only is the least
        }
        if ((p9 & P9_SYNC) != 0) {
            flags |= Posix.O_SYNC;
        }
        return flags & ~P9_FASYNC;
    }

    /** Whether the open changes the file: writing, truncating or creating. */
    static boolean writes(int linux) {
        return (linux & Posix.O_ACCMODE) != Posix.O_RDONLY || (linux & (Posix.O_TRUNC | Posix.O_CREAT)) != 0;
    }
}
