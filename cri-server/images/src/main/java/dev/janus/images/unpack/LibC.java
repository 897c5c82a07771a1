package dev.janus.images.unpack;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The libc calls the JDK lacks, declared in one place (no other class imports JNA): mknod for
 * overlayfs whiteouts and FIFOs, and the l*xattr family, which works on symlinks and in the
 * {@code trusted.} namespace (the JDK's UserDefinedFileAttributeView knows {@code user.} only).
 * Loaded on first use, so nothing is loaded on Windows where layers are never unpacked.
 */
interface LibC extends Library {

    int S_IFCHR = 0020000;
    int S_IFIFO = 0010000;
    int ENODATA = 61;

    int mknod(String path, int mode, long dev) throws LastErrorException;

    int lsetxattr(String path, String name, byte[] value, long size, int flags) throws LastErrorException;

    long lgetxattr(String path, String name, byte[] value, long size) throws LastErrorException;

    final class Holder {
        static final LibC C = Native.load("c", LibC.class);

        private Holder() {
        }
    }

    /** An overlayfs whiteout: a character device 0:0. */
    static void makeWhiteout(Path path) throws IOException {
        call("mknod", path, () -> Holder.C.mknod(path.toString(), S_IFCHR, 0));
    }

    static void makeFifo(Path path, int mode) throws IOException {
        call("mkfifo", path, () -> Holder.C.mknod(path.toString(), S_IFIFO | (mode & 0777), 0));
    }

    /** Sets an extended attribute on the path itself, never on a symlink's target. */
    static void setXattr(Path path, String name, byte[] value) throws IOException {
        call("lsetxattr " + name, path, () -> Holder.C.lsetxattr(path.toString(), name, value, value.length, 0));
    }

    static void setXattr(Path path, String name, String value) throws IOException {
        setXattr(path, name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The attribute's value, or empty if the path does not have it. */
    static Optional<byte[]> getXattr(Path path, String name) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try {
            long n = Holder.C.lgetxattr(path.toString(), name, buffer, buffer.length);
            return Optional.of(Arrays.copyOf(buffer, (int) n));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENODATA) {
                return Optional.empty();
            }
            throw new IOException("lgetxattr " + name + " " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    private static void call(String what, Path path, Runnable call) throws IOException {
        try {
            call.run();
        } catch (LastErrorException e) {
            throw new IOException(what + " " + path + " failed: " + describe(e.getErrorCode()), e);
        }
    }

    private static String describe(int errno) {
        return switch (errno) {
            case 1 -> "operation not permitted (EPERM: janusd must run as root to unpack layers)";
            case 17 -> "file exists (EEXIST)";
            case 28 -> "no space left on device (ENOSPC)";
            case 95 -> "operation not supported by the filesystem (EOPNOTSUPP)";
            default -> "errno " + errno;
        };
    }
}
