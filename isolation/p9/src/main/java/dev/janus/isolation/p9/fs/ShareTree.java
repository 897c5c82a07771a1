package dev.janus.isolation.p9.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import dev.janus.isolation.p9.wire.Errno;
import dev.janus.isolation.p9.wire.P9;
import dev.janus.isolation.p9.wire.P9Error;
import dev.janus.isolation.p9.wire.Qid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations on the files of one share. Every name is one component opened relative to its
 * directory's descriptor with O_NOFOLLOW, so a walk never leaves the share: not through "..",
 * not through a symlink (the guest reads the link and walks its target itself), not through a
 * rename racing with it. Files the guest creates get the owner it names, and exactly the mode it
 * asks (janusd's umask does not apply).
 */
public final class ShareTree {

    private final Share share;

    public ShareTree(Share share) {
        this.share = share;
    }

    public Share share() {
        return share;
    }

    /** One step of a walk: a child of a directory, or ".." (which stops at the share's root). */
    public Node walk(Node from, String name) {
        if (name.equals("..")) {
            List<String> parent = from.path().isEmpty() ? List.of() : from.path().subList(0, from.path().size() - 1);
            return lookup(parent);
        }
        if (!from.isDirectory()) {
            throw new P9Error(Errno.ENOTDIR, "walk from a file that is not a directory");
        }
        if (from.path().isEmpty() && !share.reaches(name)) {
            throw new P9Error(Errno.ENOENT, "share " + share.name() + " serves " + share.only() + " only");
        }
        int fd = openPath(from.fd(), Sys.component(name));
        try {
            List<String> path = new ArrayList<>(from.path());
            path.add(name);
            return new Node(fd, path, Sys.stat(fd).type());
        } catch (RuntimeException e) {
            Sys.closeQuietly(fd);
            throw e;
        }
    }

    /** The node at {@code path} from the share's root, each step a walk. */
    public Node lookup(List<String> path) {
        Node node = share.rootNode();
        for (String name : path) {
            Node next;
            try {
                next = walk(node, name);
            } finally {
                node.close();
            }
            node = next;
        }
        return node;
    }

    /** A second node of the same file (the descriptor duplicated), for a new fid. */
    public Node copy(Node node) {
        return new Node(Sys.dup(node.fd()), node.path(), node.type());
    }

    public FileStat stat(Node node) {
        return Sys.stat(node.fd());
    }

    /**
     * The qid of a file: its inode number, mixed with its device when it lies on another file
     * system mounted inside the share, so two files never share a qid.
     */
    public Qid qid(FileStat stat) {
        int type = switch (stat.type()) {
            case Posix.S_IFDIR -> P9.QTDIR;
            case Posix.S_IFLNK -> P9.QTSYMLINK;
            default -> P9.QTFILE;
        };
        long path = stat.dev() == share.rootDev() ? stat.ino() : stat.ino() ^ (Long.rotateLeft(stat.dev(), 40));
        int version = (int) (stat.mtimeSec() ^ stat.mtimeNsec() ^ (stat.size() << 8));
        return new Qid(type, version, path);
    }

    public String readlink(Node node) {
        if (!node.isSymlink()) {
            throw new P9Error(Errno.EINVAL, "not a symlink");
        }
        byte[] buffer = new byte[4096];
        try {
            long length = Posix.LIBC.readlinkat(node.fd(), "", buffer, buffer.length);
            return new String(buffer, 0, (int) length, StandardCharsets.UTF_8);
        } catch (LastErrorException e) {
            throw Sys.error(e, "readlink");
        }
    }

    /** struct statfs of the share's file system. */
    public StatFs statfs(Node node) {
        try (Memory buffer = new Memory(120)) {
            buffer.clear();
            Posix.LIBC.fstatfs(node.fd(), buffer);
            return new StatFs(buffer.getLong(0), buffer.getLong(8), buffer.getLong(16), buffer.getLong(24),
                    buffer.getLong(32), buffer.getLong(40), buffer.getLong(48), buffer.getLong(56), buffer.getLong(64));
        } catch (LastErrorException e) {
            throw Sys.error(e, "fstatfs");
        }
    }

    /** The fields of struct statfs that Rstatfs carries. */
    public record StatFs(long type, long bsize, long blocks, long bfree, long bavail, long files, long ffree,
            long fsid, long namelen) {
    }

    /** Tsetattr: each field in {@code valid} applied; the owner first, since chown clears set-id bits. */
    public void setattr(Node node, Attributes change) {
        share.requireWritable();
        try {
            if ((change.valid() & (P9.SETATTR_UID | P9.SETATTR_GID)) != 0) {
                int uid = (change.valid() & P9.SETATTR_UID) != 0 ? change.uid() : -1;
                int gid = (change.valid() & P9.SETATTR_GID) != 0 ? change.gid() : -1;
                Posix.LIBC.fchownat(node.fd(), "", uid, gid, Posix.AT_EMPTY_PATH);
            }
            if ((change.valid() & P9.SETATTR_MODE) != 0) {
                if (node.isSymlink()) {
                    throw new P9Error(Errno.EOPNOTSUPP, "a symlink has no mode of its own");
                }
                Posix.LIBC.fchmodat(Posix.AT_FDCWD, node.procPath(), change.mode() & 07777, 0);
            }
            if ((change.valid() & P9.SETATTR_SIZE) != 0) {
                truncate(node, change.size());
            }
            if ((change.valid() & (P9.SETATTR_ATIME | P9.SETATTR_MTIME)) != 0) {
                setTimes(node, change);
            }
        } catch (LastErrorException e) {
            throw Sys.error(e, "setattr");
        }
    }

    /** What Tsetattr asks to change. */
    public record Attributes(int valid, int mode, int uid, int gid, long size, long atimeSec, long atimeNsec,
            long mtimeSec, long mtimeNsec) {
    }

    private void truncate(Node node, long size) {
        if (node.isDirectory() || node.isSymlink()) {
            throw new P9Error(node.isDirectory() ? Errno.EISDIR : Errno.EINVAL, "truncate of a non-file");
        }
        int fd = Posix.LIBC.openat(Posix.AT_FDCWD, node.procPath(), Posix.O_WRONLY | Posix.O_CLOEXEC
                | Posix.O_NONBLOCK, 0);
        try {
            Posix.LIBC.ftruncate(fd, size);
        } finally {
            Sys.closeQuietly(fd);
        }
    }

    private void setTimes(Node node, Attributes change) {
        long[] times = {0, Posix.UTIME_OMIT, 0, Posix.UTIME_OMIT};
        if ((change.valid() & P9.SETATTR_ATIME) != 0) {
            boolean given = (change.valid() & P9.SETATTR_ATIME_SET) != 0;
            times[0] = given ? change.atimeSec() : 0;
            times[1] = given ? change.atimeNsec() : Posix.UTIME_NOW;
        }
        if ((change.valid() & P9.SETATTR_MTIME) != 0) {
            boolean given = (change.valid() & P9.SETATTR_MTIME_SET) != 0;
            times[2] = given ? change.mtimeSec() : 0;
            times[3] = given ? change.mtimeNsec() : Posix.UTIME_NOW;
        }
        if (node.isSymlink()) {
            Node parent = parentOf(node);
            try {
                Posix.LIBC.utimensat(parent.fd(), node.name(), times, Posix.AT_SYMLINK_NOFOLLOW);
            } finally {
                parent.close();
            }
        } else {
            Posix.LIBC.utimensat(Posix.AT_FDCWD, node.procPath(), times, 0);
        }
    }

    public Node mkdir(Node dir, String name, int mode, int uid, int gid) {
        share.requireWritable();
        share.requireReachable(dir, name);
        requireDirectory(dir);
        try {
            Posix.LIBC.mkdirat(dir.fd(), Sys.component(name), 0700);
        } catch (LastErrorException e) {
            throw Sys.error(e, "mkdir");
        }
        return own(dir, name, uid, gid, mode);
    }

    public Node symlink(Node dir, String name, String target, int uid, int gid) {
        share.requireWritable();
        share.requireReachable(dir, name);
        requireDirectory(dir);
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new P9Error(Errno.EINVAL, "bad symlink target");
        }
        try {
            // a symlink's target is only text here: the guest follows it, never the server
            Posix.LIBC.symlinkat(target, dir.fd(), Sys.component(name));
        } catch (LastErrorException e) {
            throw Sys.error(e, "symlink");
        }
        return own(dir, name, uid, gid, -1);
    }

    /** Fifos and sockets always; character and block devices only on a share that allows them. */
    public Node mknod(Node dir, String name, int mode, int major, int minor, int uid, int gid) {
        share.requireWritable();
        share.requireReachable(dir, name);
        requireDirectory(dir);
        int type = mode & Posix.S_IFMT;
        switch (type) {
            case Posix.S_IFIFO, Posix.S_IFSOCK, Posix.S_IFREG -> { }
            case Posix.S_IFCHR, Posix.S_IFBLK -> {
                if (!share.devices()) {
                    throw new P9Error(Errno.EPERM, "device nodes need a privileged pod");
                }
            }
            default -> throw new P9Error(Errno.EINVAL, "mknod of type " + Integer.toOctalString(type));
        }
        try {
            long maj = major & 0xFFFFFFFFL;
            long min = minor & 0xFFFFFFFFL;
            long dev = ((maj & 0xFFFFF000L) << 32) | ((maj & 0xFFFL) << 8) | ((min & 0xFFFFFF00L) << 12)
                    | (min & 0xFFL);
            Posix.LIBC.mknodat(dir.fd(), Sys.component(name), type | 0600, dev);
        } catch (LastErrorException e) {
            throw Sys.error(e, "mknod");
        }
        return own(dir, name, uid, gid, mode & 07777);
    }

    /** A hard link to {@code target} named {@code name} in {@code dir}; nothing outside the share can be linked. */
    public void link(Node dir, Node target, String name) {
        share.requireWritable();
        share.requireReachable(dir, name);
        requireDirectory(dir);
        if (target.isDirectory()) {
            throw new P9Error(Errno.EPERM, "hard link to a directory");
        }
        try {
            if (target.isSymlink()) {
                Node parent = parentOf(target);
                try {
                    Posix.LIBC.linkat(parent.fd(), target.name(), dir.fd(), Sys.component(name), 0);
                } finally {
                    parent.close();
                }
            } else {
                Posix.LIBC.linkat(Posix.AT_FDCWD, target.procPath(), dir.fd(), Sys.component(name),
                        Posix.AT_SYMLINK_FOLLOW);
            }
        } catch (LastErrorException e) {
            throw Sys.error(e, "link");
        }
    }

    public void renameat(Node oldDir, String oldName, Node newDir, String newName) {
        share.requireWritable();
        share.requireReachable(oldDir, oldName);
        share.requireReachable(newDir, newName);
        requireDirectory(oldDir);
        requireDirectory(newDir);
        try {
            Posix.LIBC.renameat(oldDir.fd(), Sys.component(oldName), newDir.fd(), Sys.component(newName));
        } catch (LastErrorException e) {
            throw Sys.error(e, "rename");
        }
    }

    /** Trename: the file of {@code node} moves to {@code newDir}/{@code newName}. */
    public void rename(Node node, Node newDir, String newName) {
        if (node.path().isEmpty()) {
            throw new P9Error(Errno.EBUSY, "the share's root cannot move");
        }
        Node parent = parentOf(node);
        try {
            renameat(parent, node.name(), newDir, newName);
        } finally {
            parent.close();
        }
    }

    public void unlinkat(Node dir, String name, int flags) {
        share.requireWritable();
        share.requireReachable(dir, name);
        requireDirectory(dir);
        try {
            Posix.LIBC.unlinkat(dir.fd(), Sys.component(name), flags & P9.AT_REMOVEDIR);
        } catch (LastErrorException e) {
            throw Sys.error(e, "unlink");
        }
    }

    /** Tremove: the file of {@code node} goes (a directory only when empty). */
    public void remove(Node node) {
        if (node.path().isEmpty()) {
            throw new P9Error(Errno.EBUSY, "the share's root cannot be removed");
        }
        Node parent = parentOf(node);
        try {
            unlinkat(parent, node.name(), node.isDirectory() ? P9.AT_REMOVEDIR : 0);
        } finally {
            parent.close();
        }
    }

    /** Tlopen: the node opened as the guest asks; a symlink is never opened (ELOOP). */
    public OpenFile open(Node node, int p9Flags) {
        if (node.isSymlink()) {
            throw new P9Error(Errno.ELOOP, "open of a symlink");
        }
        if (node.type() != Posix.S_IFREG && !node.isDirectory()) {
            // the guest kernel opens fifos, sockets and devices itself; opening one here could
            // block the server (a fifo without a writer) or reach the host's device
            throw new P9Error(Errno.ENXIO, "open of a special file");
        }
        int flags = OpenFlags.toLinux(p9Flags) & ~(Posix.O_CREAT | Posix.O_EXCL | Posix.O_NOFOLLOW);
        if (OpenFlags.writes(flags)) {
            share.requireWritable();
        }
        if (node.isDirectory() && (flags & Posix.O_ACCMODE) != Posix.O_RDONLY) {
            throw new P9Error(Errno.EISDIR, "a directory opened for writing");
        }
        try {
            return new OpenFile(Posix.LIBC.openat(Posix.AT_FDCWD, node.procPath(), flags | Posix.O_CLOEXEC, 0),
                    node.isDirectory());
        } catch (LastErrorException e) {
            throw Sys.error(e, "open");
        }
    }

    /**
     * Tlcreate: a regular file in {@code dir}, opened, as open(2) with O_CREAT does it on a local
     * disk: a file this call makes gets the guest's owner and mode; a name that exists (made by
     * the host or another guest since the guest looked) is EEXIST under O_EXCL, and otherwise
     * opened as it is, owner and mode untouched. SQLite's journal depends on exactly that.
     */
    public Created create(Node dir, String name, int p9Flags, int mode, int uid, int gid) {
        share.requireWritable();
        share.requireReachable(dir, name);
        requireDirectory(dir);
        int linuxFlags = OpenFlags.toLinux(p9Flags);
        int flags = (linuxFlags | Posix.O_CREAT | Posix.O_EXCL | Posix.O_NOFOLLOW | Posix.O_CLOEXEC) & ~Posix.O_DIRECTORY;
        List<String> path = new ArrayList<>(dir.path());
        path.add(name);
        for (int attempt = 0; ; attempt++) {
            try {
                return made(path, Posix.LIBC.openat(dir.fd(), Sys.component(name), flags, 0600), uid, gid, mode);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EEXIST || (linuxFlags & Posix.O_EXCL) != 0) {
                    throw Sys.error(e, "create");
                }
            }
            try {
                return existing(walk(dir, name), p9Flags);
            } catch (P9Error e) {
                // gone again before it could be opened: make it after all, as open(2) retries
                if (e.errno() != Errno.ENOENT || attempt >= 16) {
                    throw e;
                }
            }
        }
    }

    /** A file just made, and the open descriptor Tlcreate returns it through. */
    public record Created(Node node, OpenFile file) {
    }

    /** The file this Tlcreate made: owned by the guest's user, with the mode it asked for. */
    private Created made(List<String> path, int fd, int uid, int gid, int mode) {
        Node node = null;
        try {
            node = new Node(Posix.LIBC.openat(Posix.AT_FDCWD, "/proc/self/fd/" + fd, Posix.O_PATH | Posix.O_CLOEXEC, 0),
                    path, Posix.S_IFREG);
            Posix.LIBC.fchownat(node.fd(), "", uid, gid, Posix.AT_EMPTY_PATH);
            Posix.LIBC.fchmodat(Posix.AT_FDCWD, node.procPath(), mode & 07777, 0);
            return new Created(node, new OpenFile(fd, false));
        } catch (LastErrorException e) {
            if (node != null) {
                node.close();
            }
            Sys.closeQuietly(fd);
            throw Sys.error(e, "owner and mode of a new file");
        }
    }

    /** A name that already existed when Tlcreate came: opened only if it is a regular file. */
    private Created existing(Node node, int p9Flags) {
        try {
            if (node.type() != Posix.S_IFREG) {
                throw new P9Error(node.isDirectory() ? Errno.EISDIR : node.isSymlink() ? Errno.ELOOP : Errno.EEXIST,
                        "create over an existing name that is not a regular file");
            }
            return new Created(node, open(node, p9Flags));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** A node mkdir, symlink or mknod just made, owned by the guest's user, with the mode it asked for. */
    private Node own(Node dir, String name, int uid, int gid, int mode) {
        Node node = walk(dir, name);
        try {
            Posix.LIBC.fchownat(node.fd(), "", uid, gid, Posix.AT_EMPTY_PATH);
            if (mode >= 0 && !node.isSymlink()) {
                Posix.LIBC.fchmodat(Posix.AT_FDCWD, node.procPath(), mode & 07777, 0);
            }
            return node;
        } catch (LastErrorException e) {
            node.close();
            throw Sys.error(e, "chown of a new file");
        }
    }

    private static int openPath(int dirFd, String name) {
        try {
            return Posix.LIBC.openat(dirFd, name, Posix.O_PATH | Posix.O_NOFOLLOW | Posix.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw Sys.error(e, "walk");
        }
    }

    private Node parentOf(Node node) {
        return lookup(node.path().subList(0, node.path().size() - 1));
    }

    private static void requireDirectory(Node dir) {
        if (!dir.isDirectory()) {
            throw new P9Error(Errno.ENOTDIR, "not a directory");
        }
    }
}
