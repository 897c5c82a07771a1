package dev.janus.isolation.uvm;

import dev.janus.isolation.ProcessStreams.Output;
import dev.janus.isolation.ProcessStreams.Source;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Output chunks handed from a relay's threads to one reader, a few at a time: when the reader
 * stops taking, {@link #offer} waits, and with it the stream it came from. Ends once
 * {@link #end} was called and what was queued is read.
 */
final class OutputTap {

    private final boolean stdout;
    private final boolean stderr;
    private final BlockingQueue<Output> chunks = new ArrayBlockingQueue<>(16);
    private volatile boolean ended;
    private volatile boolean closed;

    OutputTap(boolean stdout, boolean stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Copies a chunk in, waiting while the queue is full; dropped once the reader closed. */
    void offer(Source source, byte[] data, int length) {
        if (closed || (source == Source.STDOUT ? !stdout : !stderr)) {
            return;
        }
        Output chunk = new Output(source, ByteBuffer.wrap(Arrays.copyOf(data, length)));
        try {
            while (!closed && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                // the reader is slow: so is the stream
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** No more output will come. */
    void end() {
        ended = true;
    }

    /** The next chunk, or null once ended and drained (or closed). */
    Output take() throws InterruptedException {
        while (!closed) {
            Output chunk = chunks.poll(100, TimeUnit.MILLISECONDS);
            if (chunk != null) {
                return chunk;
            }
            if (ended && chunks.isEmpty()) {
                return null;
            }
        }
        return null;
    }

    /** The reader went away: what comes is dropped and nobody waits for it. */
    void close() {
        closed = true;
        chunks.clear();
    }
}
