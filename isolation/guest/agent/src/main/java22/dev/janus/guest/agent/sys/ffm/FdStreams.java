package dev.janus.guest.agent.sys.ffm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Streams over a raw file descriptor (a pty master, a vsock socket), which no JDK stream can
 * wrap. Reads block in native code: read them from a platform thread. EIO, which a pty master
 * returns once every slave is closed, reads as end of file.
 */
final class FdStreams {

    private static final int CHUNK = 64 * 1024;

    private FdStreams() {
    }

    static InputStream in(int fd) {
        return new InputStream() {
            private final Arena arena = Arena.ofShared();
            private final MemorySegment buffer = arena.allocate(CHUNK);
            private final MemorySegment state = Libc.state(arena);
            private boolean closed;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public synchronized int read(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("closed");
                }
                if (len == 0) {
                    return 0;
                }
                while (true) {
                    long n = Libc.call(Libc.READ, state, fd, buffer, (long) Math.min(len, CHUNK));
                    if (n > 0) {
                        MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
                        return (int) n;
                    }
                    if (n == 0) {
                        return -1;
                    }
                    int errno = Libc.errno(state);
                    if (errno == Libc.EIO) {
                        return -1;
                    }
                    if (errno != Libc.EINTR) {
                        throw new IOException("read(" + fd + ") failed: errno " + errno);
                    }
                }
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    arena.close();
                }
            }
        };
    }

    static OutputStream out(int fd) {
        return new OutputStream() {
            private final Arena arena = Arena.ofShared();
            private final MemorySegment buffer = arena.allocate(CHUNK);
            private final MemorySegment state = Libc.state(arena);
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("closed");
                }
                while (len > 0) {
                    int chunk = Math.min(len, CHUNK);
                    MemorySegment.copy(b, off, buffer, ValueLayout.JAVA_BYTE, 0, chunk);
                    long n = Libc.call(Libc.WRITE, state, fd, buffer, (long) chunk);
                    if (n < 0) {
                        int errno = Libc.errno(state);
                        if (errno == Libc.EINTR) {
                            continue;
                        }
                        throw new IOException("write(" + fd + ") failed: errno " + errno);
                    }
                    off += (int) n;
                    len -= (int) n;
                }
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    arena.close();
                }
            }
        };
    }
}
