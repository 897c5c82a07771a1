package dev.janus.isolation.p9.fs;

import com.sun.jna.LastErrorException;
import dev.janus.isolation.p9.wire.Errno;
import dev.janus.isolation.p9.wire.P9Error;
import java.nio.file.Path;
import java.util.List;

/**
 * A directory of the host served to a VM: its root held open (O_PATH), so a rename of the path
 * on the host cannot redirect the share, and how it may be used.
 *
 * @param readOnly every change is EROFS
 * @param devices mknod of character and block devices allowed (a privileged pod's share)
 * @param only for a single file's share: the one name of the root directory the guest may reach
 *     (a container mount of one file shares its directory, never its siblings); null for all
 * @param namespaceFd the private mount namespace the root was opened in, held open so the view
 *     lives as long as the share; -1 when the share sees the host's mounts as they change
 */
public record Share(String name, Path root, int rootFd, long rootDev, boolean readOnly, boolean devices, String only,
        int namespaceFd) implements AutoCloseable {

    public static Share open(String name, Path root, boolean readOnly, boolean devices) {
        return open(name, root, readOnly, devices, null, false);
    }

    /**
     * A share whose view of the host's mounts is the one at this moment: mounts the host makes
     * under it later are not seen (CRI's private propagation, kubelet's default), those already
     * there are. The root is opened in a mount namespace of its own, a private copy of the host's.
     */
    public static Share openPrivate(String name, Path root, boolean readOnly, boolean devices) {
        return open(name, root, readOnly, devices, null, true);
    }

    /** A share of one file: {@code file}'s directory, of which the guest sees that file only. */
    public static Share ofFile(String name, Path file, boolean readOnly) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || file.getFileName() == null) {
            throw new IllegalArgumentException("a file share needs a file: " + file);
        }
        return open(name, parent, readOnly, false, file.getFileName().toString(), false);
    }

    private static Share open(String name, Path root, boolean readOnly, boolean devices, String only,
            boolean privateView) {
        if (privateView) {
            int[] fds = PrivateView.open(root);
            FileStat stat = Sys.stat(fds[0]);
            return new Share(name, root, fds[0], stat.dev(), readOnly, devices, only, fds[1]);
        }
        if (!root.isAbsolute()) {
            throw new IllegalArgumentException("a share's root must be absolute: " + root);
        }
        int fd;
        try {
            // the host path is the operator's (a CRI mount's host path), so it may have symlinks
            fd = Posix.LIBC.openat(Posix.AT_FDCWD, root.toString(), Posix.O_PATH | Posix.O_DIRECTORY
                    | Posix.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new P9Error(e.getErrorCode(), "cannot open share " + root + ": errno " + e.getErrorCode());
        }
        FileStat stat = Sys.stat(fd);
        return new Share(name, root, fd, stat.dev(), readOnly, devices, only, -1);
    }

    /** Whether the guest may reach {@code child} of the share's root. */
    public boolean reaches(String child) {
        return only == null || only.equals(child);
    }

    /** A name made, moved or removed at the root: a file share allows none but its file's own changes. */
    void requireReachable(Node dir, String child) {
        if (dir.path().isEmpty() && !reaches(child)) {
            throw new P9Error(Errno.EPERM, "share " + name + " serves " + only + " only");
        }
    }

    /** The share's root as a node. */
    public Node rootNode() {
        return new Node(Sys.dup(rootFd), List.of(), Posix.S_IFDIR);
    }

    void requireWritable() {
        if (readOnly) {
            throw new P9Error(Errno.EROFS, "share " + name + " is read-only");
        }
    }

    @Override
    public void close() {
        Sys.closeQuietly(rootFd);
        Sys.closeQuietly(namespaceFd);
    }
}
