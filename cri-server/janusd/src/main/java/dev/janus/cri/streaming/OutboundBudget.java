package dev.janus.cri.streaming;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bytes written to a connection for one stream and not yet on the wire. A writer waits while
 * there are {@link #LIMIT} or more, so a slow client holds back the process or socket feeding the
 * stream (which then holds back the container) instead of janusd buffering without bound.
 */
final class OutboundBudget {

    static final int LIMIT = 256 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private long unsent;
    private boolean closed;

    /** Waits for room, then counts {@code bytes} as unsent. */
    void acquire(int bytes) throws IOException {
        lock.lock();
        try {
            while (unsent >= LIMIT && !closed) {
                drained.await();
            }
            if (closed) {
                throw new IOException("the client connection is closed");
            }
            unsent += bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the client was slow", e);
        } finally {
            lock.unlock();
        }
    }

    /** {@code bytes} were written (or dropped with the connection). */
    void release(int bytes) {
        lock.lock();
        try {
            unsent -= bytes;
            drained.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The connection is gone: writers waiting or to come fail. */
    void close() {
        lock.lock();
        try {
            closed = true;
            drained.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
