package dev.janus.guest.protocol.stream;

import dev.janus.guest.protocol.Frame;
import dev.janus.guest.protocol.Protocol;
import dev.janus.guest.protocol.ProtocolException;
import dev.janus.guest.protocol.SessionClosedException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reading side of a stream, as an InputStream. The peer may send only as much as this side
 * granted ({@link Protocol#INITIAL_WINDOW} plus the WINDOW credits returned as bytes are read),
 * so the buffer here never holds more than one window; a peer that overruns it breaks the
 * protocol.
 */
public final class InboundStream extends InputStream {

    /** Credit goes back in batches, not per read. */
    private static final int CREDIT_BATCH = Protocol.INITIAL_WINDOW / 4;

    private final Endpoint endpoint;
    private final int id;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private int buffered;
    private int unacknowledged;
    private long received;
    private long credited;
    private boolean eof;
    private boolean closedHere;
    private IOException failure;

    InboundStream(Endpoint endpoint, int id) {
        this.endpoint = endpoint;
        this.id = id;
    }

    public int id() {
        return id;
    }

    void onData(byte[] data) throws ProtocolException {
        lock.lock();
        try {
            if (closedHere || failure != null) {
                return;
            }
            if (eof) {
                throw new ProtocolException("DATA after CLOSE on stream " + Integer.toUnsignedString(id));
            }
            if (received + data.length > Protocol.INITIAL_WINDOW + credited) {
                throw new ProtocolException("stream " + Integer.toUnsignedString(id) + " overran its window");
            }
            received += data.length;
            chunks.addLast(data);
            buffered += data.length;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void onClose() {
        lock.lock();
        try {
            eof = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
        endpoint.forget(this);
    }

    void onSessionClosed() {
        lock.lock();
        try {
            if (!eof) {
                failure = new SessionClosedException();
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n;
        int credit = 0;
        lock.lock();
        try {
            while (buffered == 0 && !eof && failure == null && !closedHere) {
                readable.awaitUninterruptibly();
            }
            if (closedHere) {
                throw new IOException("stream " + Integer.toUnsignedString(id) + " was closed");
            }
            if (buffered == 0) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            n = take(into, offset, length);
            unacknowledged += n;
            if (unacknowledged >= CREDIT_BATCH && !eof) {
                credit = unacknowledged;
                credited += credit;
                unacknowledged = 0;
            }
        } finally {
            lock.unlock();
        }
        if (credit > 0) {
            try {
                endpoint.send(Frame.window(id, credit));
            } catch (IOException e) {
                // session over: the next read reports it
            }
        }
        return n;
    }

    private int take(byte[] into, int offset, int length) {
        int done = 0;
        while (done < length && !chunks.isEmpty()) {
            byte[] head = chunks.peekFirst();
            int n = Math.min(length - done, head.length - headOffset);
            System.arraycopy(head, headOffset, into, offset + done, n);
            done += n;
            headOffset += n;
            if (headOffset == head.length) {
                chunks.removeFirst();
                headOffset = 0;
            }
        }
        buffered -= done;
        return done;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return buffered;
        } finally {
            lock.unlock();
        }
    }

    /** Stops reading: the writer is told (CANCEL) and what it still sends is dropped. */
    @Override
    public void close() {
        boolean tell;
        lock.lock();
        try {
            tell = !closedHere && !eof && failure == null;
            closedHere = true;
            chunks.clear();
            buffered = 0;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
        endpoint.forget(this);
        if (tell) {
            try {
                endpoint.send(Frame.cancel(id));
            } catch (IOException e) {
                // session over: the writer is gone too
            }
        }
    }
}
