package dev.janus.isolation.oci;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The libc calls the JDK lacks; the only class of this backend that touches JNA. */
interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    long MS_NOSUID = 0x2;
    long MS_NODEV = 0x4;
    long MS_NOEXEC = 0x8;
    int MNT_DETACH = 0x2;

    int EINTR = 4;
    int EAGAIN = 11;
    int AF_UNIX = 1;
    int SOCK_SEQPACKET = 5;
    int SOCK_CLOEXEC = 0x80000;
    int SHUT_WR = 1;
    int SHUT_RDWR = 2;
    int MSG_DONTWAIT = 0x40;
    int MSG_NOSIGNAL = 0x4000;
    int O_RDONLY = 0;
    int O_DIRECTORY = 0x10000;
    int O_CLOEXEC = 0x80000;
    int O_PATH = 0x200000;
    int CLONE_NEWNET = 0x40000000;

    int mount(String source, String target, String filesystemType, long flags, String data);

    int umount2(String target, int flags);

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int mkfifo(String path, int mode) throws LastErrorException;

    /** Moves the calling thread into the namespace {@code fd} refers to. */
    int setns(int fd, int nstype) throws LastErrorException;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    /** {@code address} is a {@code struct sockaddr_un}: native-order family, then the path, NUL-ended. */
    int connect(int fd, byte[] address, int length) throws LastErrorException;

    int shutdown(int fd, int how) throws LastErrorException;

    /**
     * The calls of a stream's hot path, direct-mapped: an interface call converts its arguments
     * by reflection, which costs more than the syscall for an 8 KiB packet.
     */
    final class Direct {
        static final short POLLIN = 0x1;

        static {
            Native.register(Direct.class, "c");
        }

        private Direct() {
        }

        static native long recv(int fd, Pointer buffer, long length, int flags) throws LastErrorException;

        static native long send(int fd, Pointer buffer, long length, int flags) throws LastErrorException;

        /** {@code fds} holds {@code struct pollfd}s as pairs: fd, then events | revents << 16. */
        static native int poll(int[] fds, long count, int timeoutMillis) throws LastErrorException;
    }
}
