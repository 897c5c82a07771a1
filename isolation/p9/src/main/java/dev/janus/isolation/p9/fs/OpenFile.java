package dev.janus.isolation.p9.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.janus.isolation.p9.wire.Errno;
import dev.janus.isolation.p9.wire.P9;
import dev.janus.isolation.p9.wire.P9Error;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A file a fid opened (Tlopen, Tlcreate): reads, writes, fsync, directory entries and byte-range
 * locks. Locks are open-file-description locks on this descriptor: they conflict with every other
 * open of the file, a guest's, another VM's or a host process's POSIX lock alike.
 */
public final class OpenFile {

    private static final int SEEK_SET = 0;

    private final int fd;
    private final boolean directory;

    OpenFile(int fd, boolean directory) {
        this.fd = fd;
        this.directory = directory;
    }

    public byte[] read(long offset, int count) {
        if (directory) {
            throw new P9Error(Errno.EISDIR, "read of a directory");
        }
        byte[] buffer = new byte[count];
        try {
            long n = Posix.LIBC.pread(fd, buffer, count, offset);
            return n == count ? buffer : java.util.Arrays.copyOf(buffer, (int) n);
        } catch (LastErrorException e) {
            throw Sys.error(e, "read");
        }
    }

    public int write(long offset, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        try {
            // with O_APPEND, Linux's pwrite appends whatever the offset says
            return (int) Posix.LIBC.pwrite(fd, bytes, bytes.length, offset);
        } catch (LastErrorException e) {
            throw Sys.error(e, "write");
        }
    }

    public void fsync(boolean dataOnly) {
        try {
            if (dataOnly) {
                Posix.LIBC.fdatasync(fd);
            } else {
                Posix.LIBC.fsync(fd);
            }
        } catch (LastErrorException e) {
            throw Sys.error(e, "fsync");
        }
    }

    /**
     * Directory entries from {@code offset} (0, or an offset an earlier entry carried), each
     * passed to {@code sink} until it says there is no room for more.
     */
    public void readdir(long offset, int bytes, Predicate<DirEntry> sink) {
        if (!directory) {
            throw new P9Error(Errno.ENOTDIR, "readdir of a file");
        }
        try (Memory buffer = new Memory(Math.max(bytes, 512))) {
            Posix.LIBC.lseek(fd, offset, SEEK_SET);
            while (true) {
                long n = Posix.LIBC.syscall(Posix.SYS_GETDENTS64, (long) fd, buffer, buffer.size());
                if (n <= 0) {
                    return;
                }
                int at = 0;
                while (at < n) {
                    long ino = buffer.getLong(at);
                    long next = buffer.getLong(at + 8);
                    int length = buffer.getShort(at + 16) & 0xFFFF;
                    int type = buffer.getByte(at + 18) & 0xFF;
                    String name = nulTerminated(buffer, at + 19, length - 19);
                    if (!sink.test(new DirEntry(ino, next, type, name))) {
                        return;
                    }
                    at += length;
                }
            }
        } catch (LastErrorException e) {
            throw Sys.error(e, "readdir");
        }
    }

    /** One entry of getdents64: {@code offset} is where the entry after it starts. */
    public record DirEntry(long ino, long offset, int type, String name) {
    }

    private static String nulTerminated(Memory buffer, long at, int max) {
        byte[] bytes = buffer.getByteArray(at, max);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** Tlock: SUCCESS, or BLOCKED when another holder conflicts (the guest retries a blocking lock). */
    public int lock(int type, long start, long length) {
        try (Memory flock = flock(switch (type) {
            case P9.LOCK_RDLCK -> Posix.F_RDLCK;
            case P9.LOCK_WRLCK -> Posix.F_WRLCK;
            case P9.LOCK_UNLCK -> Posix.F_UNLCK;
            default -> throw new P9Error(Errno.EINVAL, "lock type " + type);
        }, start, length)) {
            Posix.LIBC.fcntl(fd, Posix.F_OFD_SETLK, flock);
            return P9.LOCK_SUCCESS;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EAGAIN || e.getErrorCode() == Errno.EACCES) {
                return P9.LOCK_BLOCKED;
            }
            throw Sys.error(e, "lock");
        }
    }

    /** Tgetlock: the first lock that would conflict with this one, or the same range unlocked. */
    public Conflict getlock(int type, long start, long length) {
        try (Memory flock = flock(type == P9.LOCK_WRLCK ? Posix.F_WRLCK : Posix.F_RDLCK, start, length)) {
            Posix.LIBC.fcntl(fd, Posix.F_OFD_GETLK, flock);
            int found = flock.getShort(0);
            int p9Type = found == Posix.F_UNLCK ? P9.LOCK_UNLCK : found == Posix.F_WRLCK ? P9.LOCK_WRLCK
                    : P9.LOCK_RDLCK;
            return new Conflict(p9Type, flock.getLong(8), flock.getLong(16), flock.getInt(24));
        } catch (LastErrorException e) {
            throw Sys.error(e, "getlock");
        }
    }

    /** A lock as Rgetlock reports it: {@code pid} is -1 for an open-file-description lock. */
    public record Conflict(int type, long start, long length, int pid) {
    }

    /** struct flock: short l_type, short l_whence, off_t l_start, off_t l_len, pid_t l_pid (0 for OFD locks). */
    private static Memory flock(short type, long start, long length) {
        Memory flock = new Memory(32);
        flock.clear();
        flock.setShort(0, type);
        flock.setShort(2, (short) SEEK_SET);
        flock.setLong(8, start);
        flock.setLong(16, length);
        return flock;
    }

    public void close() {
        Sys.closeQuietly(fd);
    }
}
