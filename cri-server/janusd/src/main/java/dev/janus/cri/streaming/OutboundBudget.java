package dev.janus.cri.streaming;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bytes written to a connection for one stream and not yet on the wire. A writer waits while
 * there are {@link #LIMIT} or more, so a slow client holds back the process feeding the stream
 * (which then holds back the container) instead of janusd buffering without bound. A waiting
 * writer is woken only once the backlog fell below half the limit, not after every write, so a
 * steady transfer does not wake it per chunk.
 */
final class OutboundBudget {

    static final int LIMIT = 256 * 1024;
    private static final int RESUME = LIMIT / 2;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private long unsent;
    private boolean waiting;
    private boolean closed;

    /** Waits for room, then counts {@code bytes} as unsent. */
    void acquire(int bytes) throws IOException {
        lock.lock();
        try {
            if (unsent >= LIMIT) {
                waiting = true;
                while (unsent >= RESUME && !closed) {
                    drained.await();
                }
                waiting = false;
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
            if (waiting && unsent < RESUME) {
                drained.signalAll();
            }
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
