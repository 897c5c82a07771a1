package dev.janus.guest.protocol.stream;

import dev.janus.guest.protocol.Frame;
import dev.janus.guest.protocol.Protocol;
import dev.janus.guest.protocol.ProtocolException;
import dev.janus.guest.protocol.SessionClosedException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writing side of a stream, as an OutputStream: bytes go out as DATA frames of at most
 * {@link Protocol#MAX_DATA_CHUNK}, never more than the reader's credit; a writer without credit
 * waits. One thread writes a stream at a time.
 */
public final class OutboundStream extends OutputStream {

    private final Endpoint endpoint;
    private final int id;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition credited = lock.newCondition();
    private long credit = Protocol.INITIAL_WINDOW;
    private boolean cancelled;
    private boolean closed;
    private boolean sessionOver;

    OutboundStream(Endpoint endpoint, int id) {
        this.endpoint = endpoint;
        this.id = id;
    }

    public int id() {
        return id;
    }

    void onWindow(int increment) throws ProtocolException {
        lock.lock();
        try {
            if (credit + increment > Protocol.INITIAL_WINDOW) {
                throw new ProtocolException("stream " + Integer.toUnsignedString(id) + " credited beyond its window");
            }
            credit += increment;
            credited.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void onCancel() {
        lock.lock();
        try {
            cancelled = true;
            credited.signalAll();
        } finally {
            lock.unlock();
        }
        endpoint.forget(this);
    }

    void onSessionClosed() {
        lock.lock();
        try {
            sessionOver = true;
            credited.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True once the reader cancelled: what is written is dropped. */
    public boolean cancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends as many of the bytes as the credit allows, waiting until there is some.
     *
     * @return how many were sent (at least one)
     * @throws SessionClosedException if the session ended; nothing of this call was sent
     */
    public int send(byte[] bytes, int offset, int length) throws IOException {
        int n;
        lock.lock();
        try {
            while (credit == 0 && !cancelled && !closed && !sessionOver) {
                credited.awaitUninterruptibly();
            }
            if (sessionOver) {
                throw new SessionClosedException();
            }
            if (cancelled || closed) {
                throw new IOException("stream " + Integer.toUnsignedString(id) + (cancelled ? " was cancelled by its reader" : " is closed"));
            }
            n = (int) Math.min(Math.min(length, credit), Protocol.MAX_DATA_CHUNK);
            credit -= n;
        } finally {
            lock.unlock();
        }
        endpoint.send(Frame.data(id, Arrays.copyOfRange(bytes, offset, offset + n)));
        return n;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int n = send(bytes, offset, length);
            offset += n;
            length -= n;
        }
    }

    /** Sends CLOSE (end of file) unless the stream is already over. */
    @Override
    public void close() throws IOException {
        boolean tell;
        lock.lock();
        try {
            tell = !closed && !cancelled && !sessionOver;
            closed = true;
            credited.signalAll();
        } finally {
            lock.unlock();
        }
        endpoint.forget(this);
        if (tell) {
            endpoint.send(Frame.close(id));
        }
    }
}
