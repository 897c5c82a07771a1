package dev.janus.isolation.p9.fs;

import java.util.List;

/**
 * One file of a share, held by an O_PATH descriptor opened with O_NOFOLLOW: a symlink is the
 * link itself. {@code path} is its names from the share's root, for the few operations that
 * need its parent (a rename, a walk to "..").
 */
public record Node(int fd, List<String> path, int type) {

    public Node {
        path = List.copyOf(path);
    }

    public boolean isDirectory() {
        return type == Posix.S_IFDIR;
    }

    public boolean isSymlink() {
        return type == Posix.S_IFLNK;
    }

    public String name() {
        return path.isEmpty() ? "" : path.getLast();
    }

    /** The magic link that reopens this node; only for nodes that are not symlinks. */
    String procPath() {
        return "/proc/self/fd/" + fd;
    }

    public void close() {
        Sys.closeQuietly(fd);
    }
}
