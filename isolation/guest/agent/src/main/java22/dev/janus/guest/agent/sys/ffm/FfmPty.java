package dev.janus.guest.agent.sys.ffm;

import dev.janus.guest.agent.sys.Pty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A pty from posix_openpt. The agent also holds the slave open until {@link #releaseSlave()}: the
 * master would read EIO before the runtime opened its side, and the slave is where raw mode is set.
 */
final class FfmPty implements Pty {

    private final int master;
    private int slave;
    private final String slavePath;
    private final InputStream output;
    private final OutputStream input;

    private FfmPty(int master, int slave, String slavePath) {
        this.master = master;
        this.slave = slave;
        this.slavePath = slavePath;
        this.output = FdStreams.in(master);
        this.input = FdStreams.out(master);
    }

    static FfmPty open() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.state(arena);
            int master = (int) Libc.check(Libc.call(Libc.POSIX_OPENPT, state,
                    Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC), state, "posix_openpt");
            try {
                Libc.check(Libc.call(Libc.GRANTPT, state, master), state, "grantpt");
                Libc.check(Libc.call(Libc.UNLOCKPT, state, master), state, "unlockpt");
                MemorySegment name = arena.allocate(128);
                long rc = Libc.call(Libc.PTSNAME_R, state, master, name, 128L);
                if (rc != 0) {
                    throw new IOException("ptsname_r failed: errno " + rc);
                }
                String path = name.getString(0);
                int slave = (int) Libc.check(Libc.call(Libc.OPEN, state, arena.allocateFrom(path),
                        Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC, 0), state, "open " + path);
                makeRaw(arena, state, slave);
                return new FfmPty(master, slave, path);
            } catch (IOException | RuntimeException e) {
                Libc.call(Libc.CLOSE, state, master);
                throw e;
            }
        }
    }

    /** No echo, no line editing, no CR/LF mapping: the container's own pty does all that. */
    private static void makeRaw(Arena arena, MemorySegment state, int fd) throws IOException {
        MemorySegment termios = arena.allocate(Libc.TERMIOS_BYTES);
        Libc.check(Libc.call(Libc.TCGETATTR, state, fd, termios), state, "tcgetattr");
        Libc.call(Libc.CFMAKERAW, termios);
        Libc.check(Libc.call(Libc.TCSETATTR, state, fd, Libc.TCSANOW, termios), state, "tcsetattr");
    }

    @Override
    public String slavePath() {
        return slavePath;
    }

    @Override
    public InputStream output() {
        return output;
    }

    @Override
    public OutputStream input() {
        return input;
    }

    @Override
    public void resize(int rows, int cols) throws IOException {
        FfmNativeOps.setWindowSize(master, rows, cols);
    }

    @Override
    public synchronized void releaseSlave() {
        if (slave >= 0) {
            closeFd(slave);
            slave = -1;
        }
    }

    @Override
    public synchronized void close() {
        releaseSlave();
        closeFd(master);
    }

    private static void closeFd(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            Libc.call(Libc.CLOSE, Libc.state(arena), fd);
        }
    }
}
