package dev.janus.isolation.p9.fs;

import com.sun.jna.LastErrorException;
import dev.janus.isolation.p9.wire.Errno;
import dev.janus.isolation.p9.wire.P9Error;

/**
 * Extended attributes of a share's files: user.*, security.* (what the host's security modules
 * allow) and POSIX ACLs. trusted.* is refused: on the host it steers overlayfs and other root
 * machinery. A symlink's attributes are refused too: the host does not allow user.* on links,
 * and reaching the link itself would need a path the server never builds.
 */
public final class Xattrs {

    /** XATTR_SIZE_MAX of the kernel. */
    public static final int MAX_VALUE = 65536;
    public static final int XATTR_CREATE = 1;
    public static final int XATTR_REPLACE = 2;
    private static final int E2BIG = 7;

    private final Share share;

    public Xattrs(Share share) {
        this.share = share;
    }

    /** The value of {@code name}, or with an empty name the list of names, NUL after each. */
    public byte[] get(Node node, String name) {
        String path = path(node);
        try {
            if (name.isEmpty()) {
                long size = Posix.LIBC.listxattr(path, null, 0);
                byte[] list = new byte[(int) size];
                long n = size == 0 ? 0 : Posix.LIBC.listxattr(path, list, size);
                return java.util.Arrays.copyOf(list, (int) n);
            }
            allowed(name);
            long size = Posix.LIBC.getxattr(path, name, null, 0);
            byte[] value = new byte[(int) size];
            long n = size == 0 ? 0 : Posix.LIBC.getxattr(path, name, value, size);
            return java.util.Arrays.copyOf(value, (int) n);
        } catch (LastErrorException e) {
            throw Sys.error(e, "getxattr");
        }
    }

    /** Sets (or with no value and {@code XATTR_REPLACE}, as the 9p client removes, deletes) an attribute. */
    public void set(Node node, String name, byte[] value, int flags) {
        share.requireWritable();
        allowed(name);
        String path = path(node);
        try {
            if (value.length == 0 && (flags & XATTR_REPLACE) != 0) {
                Posix.LIBC.removexattr(path, name);
            } else {
                Posix.LIBC.setxattr(path, name, value, value.length, flags & (XATTR_CREATE | XATTR_REPLACE));
            }
        } catch (LastErrorException e) {
            throw Sys.error(e, "setxattr");
        }
    }

    public static void checkSize(long size) {
        if (size < 0 || size > MAX_VALUE) {
            throw new P9Error(E2BIG, "an extended attribute of " + size + " bytes");
        }
    }

    private static void allowed(String name) {
        boolean ok = name.startsWith("user.") || name.startsWith("security.")
                || name.equals("system.posix_acl_access") || name.equals("system.posix_acl_default");
        if (!ok || name.length() > 255) {
            throw new P9Error(Errno.EOPNOTSUPP, "extended attribute " + name + " is not served");
        }
    }

    private static String path(Node node) {
        if (node.isSymlink()) {
            throw new P9Error(Errno.EOPNOTSUPP, "extended attributes of a symlink");
        }
        return node.procPath();
    }
}
