package dev.janus.guest.agent.sys.ffm;

import dev.janus.guest.agent.link.HostLink;
import dev.janus.guest.agent.sys.NativeOps;
import dev.janus.guest.agent.sys.Pty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/** {@link NativeOps} through java.lang.foreign; loaded by name on a Java 22+ runtime. */
public final class FfmNativeOps implements NativeOps {

    @Override
    public Pty openPty() throws IOException {
        return FfmPty.open();
    }

    @Override
    public void setWindowSize(Path tty, int rows, int cols) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            int fd = (int) Libc.check(Libc.call(Libc.OPEN, state, arena.allocateFrom(tty.toString()),
                    Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0), state, "open " + tty);
            try {
                setWindowSize(fd, rows, cols);
            } finally {
                Libc.call(Libc.CLOSE, state, fd);
            }
        }
    }

    static void setWindowSize(int fd, int rows, int cols) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            // struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }
            MemorySegment size = arena.allocate(8);
            size.set(ValueLayout.JAVA_SHORT, 0, (short) rows);
            size.set(ValueLayout.JAVA_SHORT, 2, (short) cols);
            Libc.check(Libc.call(Libc.IOCTL, state, fd, Libc.TIOCSWINSZ, size), state, "ioctl(TIOCSWINSZ)");
        }
    }

    @Override
    public HostLink connectVsock(int cid, int port) throws IOException {
        return vsockLink(connectVsockSocket(cid, port));
    }

    @Override
    public int connectVsockSocket(int cid, int port) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            int fd = (int) Libc.check(Libc.call(Libc.SOCKET, state, Libc.AF_VSOCK, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0),
                    state, "socket(AF_VSOCK)");
            // struct sockaddr_vm { u16 family; u16 reserved; u32 port; u32 cid; u8 flags; u8 zero[3]; }
            MemorySegment address = arena.allocate(16);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_VSOCK);
            address.set(ValueLayout.JAVA_INT, 4, port);
            address.set(ValueLayout.JAVA_INT, 8, cid);
            if (Libc.call(Libc.CONNECT, state, fd, address, 16) < 0) {
                int errno = Libc.errno(state);
                Libc.call(Libc.CLOSE, state, fd);
                throw new IOException("connect(vsock " + cid + ":" + port + ") failed: errno " + errno);
            }
            return fd;
        }
    }

    private static HostLink vsockLink(int fd) {
        InputStream in = FdStreams.in(fd);
        OutputStream out = FdStreams.out(fd);
        return new HostLink() {
            private boolean closed;

            public InputStream in() {
                return in;
            }

            public OutputStream out() {
                return out;
            }

            public boolean outlivesSession() {
                return false;
            }

            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment state = Libc.state(arena);
                        Libc.call(Libc.SHUTDOWN, state, fd, Libc.SHUT_RDWR);
                        Libc.call(Libc.CLOSE, state, fd);
                    }
                }
            }
        };
    }

    @Override
    public int[] pipe() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            MemorySegment fds = arena.allocate(8);
            Libc.check(Libc.call(Libc.PIPE2, state, fds, Libc.O_CLOEXEC), state, "pipe2");
            return new int[] {fds.get(ValueLayout.JAVA_INT, 0), fds.get(ValueLayout.JAVA_INT, 4)};
        }
    }

    @Override
    public InputStream inputOf(int fd) {
        return FdStreams.in(fd);
    }

    @Override
    public OutputStream outputOf(int fd) {
        return FdStreams.out(fd);
    }

    @Override
    public void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            Libc.call(Libc.CLOSE, Libc.state(arena), fd);
        }
    }

    @Override
    public void mount(String source, Path target, String type, long flags, String data) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            Libc.check(Libc.call(Libc.MOUNT, state, arena.allocateFrom(source), arena.allocateFrom(target.toString()),
                    arena.allocateFrom(type), flags, arena.allocateFrom(data)), state, "mount(" + target + ")");
        }
    }

    @Override
    public void unmount(Path target) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            Libc.check(Libc.call(Libc.UMOUNT2, state, arena.allocateFrom(target.toString()), Libc.MNT_DETACH), state,
                    "umount(" + target + ")");
        }
    }

    @Override
    public boolean available() {
        return true;
    }
}
