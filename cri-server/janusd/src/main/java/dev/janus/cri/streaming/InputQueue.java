package dev.janus.cri.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What a client sends toward one process or socket, queued by the event loop and taken by the
 * writer thread. Past {@link #HIGH} queued bytes the connection stops being read (see
 * {@link ReadGate}); below {@link #LOW} it is read again.
 */
final class InputQueue {

    static final int HIGH = 256 * 1024;
    static final int LOW = 64 * 1024;

    /** One item: bytes, a terminal size, or the end of the input. */
    sealed interface Input {
        record Data(ByteBuf bytes) implements Input {
        }

        record Resize(int width, int height) implements Input {
        }

        record End() implements Input {
        }
    }

    private final LinkedBlockingQueue<Input> queue = new LinkedBlockingQueue<>();
    private final ReadGate gate;
    private long queued;
    private volatile boolean closed;

    InputQueue(ReadGate gate) {
        this.gate = gate;
    }

    /** Takes ownership of {@code bytes}. */
    void data(ByteBuf bytes) {
        boolean full;
        synchronized (this) {
            if (closed) {
                bytes.release();
                return;
            }
            queued += bytes.readableBytes();
            full = queued > HIGH;
            queue.add(new Input.Data(bytes));
        }
        if (full) {
            gate.hold(this);
        }
    }

    void resize(int width, int height) {
        queue.add(new Input.Resize(width, height));
    }

    void end() {
        queue.add(new Input.End());
    }

    /** The next item, waiting for one; End once closed. */
    Input take() throws InterruptedException {
        if (closed) {
            return new Input.End();
        }
        Input input = queue.take();
        if (input instanceof Input.Data data) {
            boolean drained;
            synchronized (this) {
                queued -= data.bytes().readableBytes();
                drained = queued < LOW;
            }
            if (drained) {
                gate.release(this);
            }
        }
        return input;
    }

    /** Drops what is queued and ends the taker. */
    void close() {
        synchronized (this) {
            closed = true;
            Input input;
            while ((input = queue.poll()) != null) {
                if (input instanceof Input.Data data) {
                    ReferenceCountUtil.safeRelease(data.bytes());
                }
            }
            queue.add(new Input.End());
        }
        gate.release(this);
    }

    boolean closed() {
        return closed;
    }
}
