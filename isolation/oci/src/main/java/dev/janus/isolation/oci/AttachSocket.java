package dev.janus.isolation.oci;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A client of conmon's attach socket. It is a SOCK_SEQPACKET socket (which the JDK cannot open),
 * so every receive is one packet conmon wrote: a pipe byte ({@link #STDOUT_PIPE}, {@link
 * #STDERR_PIPE}) then at most 8 KiB of output; every send is one packet conmon copies to the
 * process's stdin, and conmon reads at most {@link #MAX_STDIN_PACKET} bytes of one. Shutting the
 * write side makes conmon close the process's stdin (unless it was told to leave it open).
 *
 * <p>One thread receives while another sends; {@link #close} wakes both up first (shutdown) and
 * frees the descriptor only when neither uses it, so it is never reused under them.
 */
final class AttachSocket implements AutoCloseable {

    /** conmon's {@code stdpipe_t}: 0 none, 1 stdin (unused), 2 stdout, 3 stderr. */
    static final int STDOUT_PIPE = 2;
    static final int STDERR_PIPE = 3;
    static final int MAX_STDIN_PACKET = 32 * 1024;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Memory sending = new Memory(MAX_STDIN_PACKET);
    private int fd;

    private AttachSocket(int fd) {
        this.fd = fd;
    }

    /**
     * Connects to the socket at {@code path}. A path can be longer than {@code sun_path} (108
     * bytes), so it is reached through {@code /proc/self/fd/N/} of its directory, as conmon binds it.
     */
    static AttachSocket connect(Path path) throws IOException {
        LibC libc = LibC.INSTANCE;
        int dir;
        try {
            dir = libc.open(path.getParent().toString(), LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + path.getParent() + ": errno " + e.getErrorCode());
        }
        int socket = -1;
        try {
            socket = libc.socket(LibC.AF_UNIX, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0);
            byte[] address = sockaddr("/proc/self/fd/" + dir + "/" + path.getFileName());
            libc.connect(socket, address, address.length);
            return new AttachSocket(socket);
        } catch (LastErrorException e) {
            if (socket >= 0) {
                libc.close(socket);
            }
            throw new IOException("cannot connect to attach socket " + path + ": errno " + e.getErrorCode());
        } finally {
            libc.close(dir);
        }
    }

    private static byte[] sockaddr(String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        byte[] address = new byte[2 + name.length + 1];
        address[0] = LibC.AF_UNIX; // sa_family_t, little-endian on the hosts Janus runs on
        System.arraycopy(name, 0, address, 2, name.length);
        return address;
    }

    /**
     * Waits for the next packet and reads it into {@code into} (a direct buffer with room for a
     * whole packet, 8193 bytes); returns its length, or -1 once conmon closed the socket.
     */
    int receive(ByteBuffer into) throws IOException {
        return receive(into, 0);
    }

    /** Like {@link #receive(ByteBuffer)} if a packet is there now; 0 if none is. */
    int receiveNow(ByteBuffer into) throws IOException {
        return receive(into, LibC.MSG_DONTWAIT);
    }

    private int receive(ByteBuffer into, int flags) throws IOException {
        lock.readLock().lock();
        try {
            while (!closed.get()) {
                try {
                    // straight into the caller's direct buffer; a packet longer than its room
                    // would be cut (conmon's are at most 8193 bytes)
                    Pointer at = Native.getDirectBufferPointer(into).share(into.position());
                    int n = (int) LibC.Direct.recv(fd, at, into.remaining(), flags);
                    if (n <= 0) {
                        return -1;
                    }
                    into.position(into.position() + n);
                    return n;
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == LibC.EAGAIN && flags != 0) {
                        return 0;
                    }
                    if (e.getErrorCode() != LibC.EINTR) {
                        throw new IOException("attach socket receive failed: errno " + e.getErrorCode());
                    }
                }
            }
            return -1;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Waits at most {@code millis} for a packet to read; false if none came (or the socket closed). */
    boolean awaitPacket(int millis) throws IOException {
        lock.readLock().lock();
        try {
            if (closed.get()) {
                return false;
            }
            int[] pollfd = {fd, LibC.Direct.POLLIN};
            return LibC.Direct.poll(pollfd, 1, millis) > 0;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR) {
                return false;
            }
            throw new IOException("attach socket poll failed: errno " + e.getErrorCode());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sends all of {@code data}, one packet per {@link #MAX_STDIN_PACKET} bytes. */
    void send(ByteBuffer data) throws IOException {
        lock.readLock().lock();
        try {
            while (data.hasRemaining()) {
                if (closed.get()) {
                    throw new IOException("attach socket closed");
                }
                int n = Math.min(data.remaining(), MAX_STDIN_PACKET);
                sending.getByteBuffer(0, n).put(data.slice(data.position(), n));
                data.position(data.position() + n);
                sendPacket(n);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private void sendPacket(int length) throws IOException {
        while (true) {
            try {
                LibC.Direct.send(fd, sending, length, LibC.MSG_NOSIGNAL);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR) {
                    throw new IOException("attach socket send failed: errno " + e.getErrorCode());
                }
            }
        }
    }

    /** No more stdin: conmon sees end of file on this socket. */
    void shutdownOutput() {
        lock.readLock().lock();
        try {
            if (!closed.get()) {
                shutdown(LibC.SHUT_WR);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        shutdown(LibC.SHUT_RDWR); // wakes a thread blocked in recv or send
        lock.writeLock().lock();
        try {
            LibC.INSTANCE.close(fd);
            fd = -1;
        } catch (LastErrorException e) {
            // already gone
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void shutdown(int how) {
        try {
            LibC.INSTANCE.shutdown(fd, how);
        } catch (LastErrorException e) {
            // the peer is gone: nothing to shut
        }
    }
}
