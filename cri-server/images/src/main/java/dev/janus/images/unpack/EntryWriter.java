package dev.janus.images.unpack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one tar entry's file in a snapshot with its owner, mode (setuid, setgid and sticky
 * included), xattrs and mtime. Never follows a symlink: new files are created exclusively,
 * symlinks get lchown and lsetxattr, and whatever an entry replaces is removed first.
 * Directory mtimes are set at the end, after their contents stop changing them.
 */
final class EntryWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EntryWriter.class);
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private record DirTime(Path dir, FileTime mtime) {
    }

    private final List<Path> lowers;
    private final byte[] buffer = new byte[128 * 1024];
    private final List<DirTime> dirTimes = new ArrayList<>();

    /** {@code lowers}: the snapshots below this one, top first, for missing parents' metadata. */
    EntryWriter(List<Path> lowers) {
        this.lowers = lowers;
    }

    void directory(Path path, TarEntry entry) throws IOException {
        BasicFileAttributes existing = PathGuard.lstat(path);
        if (existing != null && !existing.isDirectory()) {
            FileTree.removeIfExists(path);
            existing = null;
        }
        if (existing == null) {
            Files.createDirectory(path);
        }
        metadata(path, entry, false);
        dirTimes.add(new DirTime(path, entry.mtime()));
    }

    void file(Path path, TarEntry entry, InputStream content) throws IOException {
        FileTree.removeIfExists(path);
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = content.read(buffer)) > 0) {
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
        }
        metadata(path, entry, false);
        Files.setLastModifiedTime(path, entry.mtime());
    }

    void symlink(Path path, TarEntry entry, String tarName) throws IOException {
        if (entry.linkName().isEmpty()) {
            throw PathGuard.refused(tarName, "is a symlink with an empty target");
        }
        FileTree.removeIfExists(path);
        Files.createSymbolicLink(path, Path.of(entry.linkName()));
        metadata(path, entry, true);
        Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW).setTimes(entry.mtime(), null, null);
    }

    void hardlink(Path path, Path target) throws IOException {
        if (path.equals(target)) {
            return;
        }
        FileTree.removeIfExists(path);
        Files.createLink(path, target);
    }

    void fifo(Path path, TarEntry entry) throws IOException {
        FileTree.removeIfExists(path);
        LibC.makeFifo(path, entry.mode());
        metadata(path, entry, false);
    }

    /** A parent the layer did not list: same owner and mode as in the layers below, else root 0755. */
    void impliedDirectory(Path dir, String relative) throws IOException {
        Files.createDirectory(dir);
        for (Path lower : lowers) {
            Path same = lower.resolve(relative);
            if (noSymlinkBetween(lower, same)) {
                BasicFileAttributes attrs = PathGuard.lstat(same);
                if (attrs != null && attrs.isDirectory()) {
                    copyOwnerAndMode(same, dir);
                    return;
                }
            }
        }
        Files.setAttribute(dir, "unix:mode", 0755); // not whatever the umask makes it
    }

    /** Sets directory mtimes, deepest first. */
    void finish() throws IOException {
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            DirTime t = dirTimes.get(i);
            if (PathGuard.lstat(t.dir()) != null) {
                Files.setLastModifiedTime(t.dir(), t.mtime());
            }
        }
    }

    private void metadata(Path path, TarEntry entry, boolean isSymlink) throws IOException {
        if (entry.uid() != 0 || entry.gid() != 0) {
            Files.setAttribute(path, "unix:uid", (int) entry.uid(), NOFOLLOW);
            Files.setAttribute(path, "unix:gid", (int) entry.gid(), NOFOLLOW);
        }
        if (!isSymlink) {
            Files.setAttribute(path, "unix:mode", entry.mode()); // after chown, which clears setuid
        }
        for (Map.Entry<String, byte[]> xattr : entry.xattrs().entrySet()) {
            if (allowedXattr(entry.name(), xattr.getKey())) {
                LibC.setXattr(path, xattr.getKey(), xattr.getValue());
            }
        }
    }

    /** Overlay's own attributes are refused: a layer must not forge opaque dirs or redirects. */
    private static boolean allowedXattr(String tarName, String name) {
        if (name.startsWith("trusted.overlay.")) {
            throw PathGuard.refused(tarName, "sets the overlayfs attribute " + name);
        }
        boolean known = name.startsWith("user.") || name.startsWith("security.") || name.startsWith("trusted.")
                || name.equals("system.posix_acl_access") || name.equals("system.posix_acl_default");
        if (!known) {
            LOG.debug("skipping xattr {} of {}", name, tarName);
        }
        return known;
    }

    private static void copyOwnerAndMode(Path from, Path to) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(from, "unix:uid,gid,mode", NOFOLLOW);
        int uid = (Integer) attrs.get("uid");
        int gid = (Integer) attrs.get("gid");
        if (uid != 0 || gid != 0) {
            Files.setAttribute(to, "unix:uid", uid, NOFOLLOW);
            Files.setAttribute(to, "unix:gid", gid, NOFOLLOW);
        }
        Files.setAttribute(to, "unix:mode", (Integer) attrs.get("mode") & 07777);
    }

    private static boolean noSymlinkBetween(Path root, Path inside) throws IOException {
        Path p = inside.getParent();
        while (p != null && p.startsWith(root) && !p.equals(root)) {
            BasicFileAttributes attrs = PathGuard.lstat(p);
            if (attrs == null || attrs.isSymbolicLink()) {
                return false;
            }
            p = p.getParent();
        }
        return true;
    }
}
