package dev.janus.isolation.p9.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The *at system calls the server works with, through glibc; the only class of the server that
 * touches JNA. Every path argument is a single name relative to a directory descriptor, "" with
 * AT_EMPTY_PATH, or a /proc/self/fd magic link of a descriptor that is not a symlink: nothing is
 * ever looked up from a path the guest wrote.
 */
public interface Posix extends Library {

    Posix LIBC = Native.load("c", Posix.class);

    int AT_FDCWD = -100;
    int AT_SYMLINK_NOFOLLOW = 0x100;
    int AT_REMOVEDIR = 0x200;
    int AT_SYMLINK_FOLLOW = 0x400;
    int AT_EMPTY_PATH = 0x1000;

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_ACCMODE = 3;
    int O_CREAT = 0100;
    int O_EXCL = 0200;
    int O_NOCTTY = 0400;
    int O_TRUNC = 01000;
    int O_APPEND = 02000;
    int O_NONBLOCK = 04000;
    int O_DSYNC = 010000;
    int O_DIRECT = 040000;
    int O_LARGEFILE = 0100000;
    int O_DIRECTORY = 0200000;
    int O_NOFOLLOW = 0400000;
    int O_NOATIME = 01000000;
    int O_CLOEXEC = 02000000;
    int O_SYNC = 04010000;
    int O_PATH = 010000000;

    int S_IFMT = 0170000;
    int S_IFSOCK = 0140000;
    int S_IFLNK = 0120000;
    int S_IFREG = 0100000;
    int S_IFBLK = 0060000;
    int S_IFDIR = 0040000;
    int S_IFCHR = 0020000;
    int S_IFIFO = 0010000;

    int STATX_ALL = 0xFFF;

    int F_OFD_GETLK = 36;
    int F_OFD_SETLK = 37;
    short F_RDLCK = 0;
    short F_WRLCK = 1;
    short F_UNLCK = 2;

    long SYS_GETDENTS64 = 217;

    long UTIME_NOW = (1L << 30) - 1;
    long UTIME_OMIT = (1L << 30) - 2;

    int openat(int dirfd, String path, int flags, int mode) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int dup(int fd) throws LastErrorException;

    int statx(int dirfd, String path, int flags, int mask, Pointer statx) throws LastErrorException;

    int fstatfs(int fd, Pointer statfs) throws LastErrorException;

    int fchownat(int dirfd, String path, int uid, int gid, int flags) throws LastErrorException;

    int fchmodat(int dirfd, String path, int mode, int flags) throws LastErrorException;

    /** {@code times}: atime sec, nsec, mtime sec, nsec. */
    int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

    int ftruncate(int fd, long length) throws LastErrorException;

    int mkdirat(int dirfd, String name, int mode) throws LastErrorException;

    int symlinkat(String target, int dirfd, String name) throws LastErrorException;

    int mknodat(int dirfd, String name, int mode, long dev) throws LastErrorException;

    int linkat(int olddirfd, String oldpath, int newdirfd, String newpath, int flags) throws LastErrorException;

    int renameat(int olddirfd, String oldname, int newdirfd, String newname) throws LastErrorException;

    int unlinkat(int dirfd, String name, int flags) throws LastErrorException;

    long readlinkat(int dirfd, String path, byte[] buffer, long size) throws LastErrorException;

    long pread(int fd, byte[] buffer, long count, long offset) throws LastErrorException;

    long pwrite(int fd, byte[] buffer, long count, long offset) throws LastErrorException;

    long write(int fd, byte[] buffer, long count) throws LastErrorException;

    int fsync(int fd) throws LastErrorException;

    int fdatasync(int fd) throws LastErrorException;

    long lseek(int fd, long offset, int whence) throws LastErrorException;

    long syscall(long number, Object... args) throws LastErrorException;

    int fcntl(int fd, int command, Pointer flock) throws LastErrorException;

    long getxattr(String path, String name, byte[] value, long size) throws LastErrorException;

    long listxattr(String path, byte[] list, long size) throws LastErrorException;

    int setxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

    int removexattr(String path, String name) throws LastErrorException;

    int CLONE_NEWNS = 0x00020000;
    long MS_REC = 0x4000;
    long MS_PRIVATE = 1 << 18;

    int unshare(int flags) throws LastErrorException;

    int mount(String source, String target, String type, long flags, Pointer data) throws LastErrorException;
}
