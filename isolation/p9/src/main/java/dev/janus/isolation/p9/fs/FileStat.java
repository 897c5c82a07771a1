package dev.janus.isolation.p9.fs;

import com.sun.jna.Memory;

/**
 * What statx(2) says of a file (all the fields Rgetattr carries).
 *
 * @param dev the device, to keep inode numbers of mounts inside a share apart
 */
public record FileStat(int mode, int uid, int gid, long nlink, long rdev, long size, long blksize, long blocks,
        long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec, long ctimeSec, int ctimeNsec,
        long btimeSec, int btimeNsec, long ino, long dev) {

    static final int STATX_SIZE = 256;

    /** Decodes struct statx (x86_64 and aarch64 alike: fixed-size fields). */
    static FileStat of(Memory statx) {
        long rdev = encode(statx.getInt(128), statx.getInt(132));
        long dev = ((long) statx.getInt(136) << 32) | (statx.getInt(140) & 0xFFFFFFFFL);
        return new FileStat(statx.getShort(28) & 0xFFFF, statx.getInt(20), statx.getInt(24),
                statx.getInt(16) & 0xFFFFFFFFL, rdev, statx.getLong(40), statx.getInt(4) & 0xFFFFFFFFL,
                statx.getLong(48), statx.getLong(64), statx.getInt(72), statx.getLong(112), statx.getInt(120),
                statx.getLong(96), statx.getInt(104), statx.getLong(80), statx.getInt(88), statx.getLong(32), dev);
    }

    /** The kernel's new_encode_dev: what the 9p client decodes rdev with. */
    static long encode(int major, int minor) {
        return (minor & 0xFFL) | ((major & 0xFFFL) << 8) | ((minor & ~0xFFL & 0xFFFFFFFFL) << 12);
    }

    public int type() {
        return mode & Posix.S_IFMT;
    }

    public boolean isDirectory() {
        return type() == Posix.S_IFDIR;
    }

    public boolean isSymlink() {
        return type() == Posix.S_IFLNK;
    }
}
