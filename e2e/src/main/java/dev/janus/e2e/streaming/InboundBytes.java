package dev.janus.e2e.streaming;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes the server sent on one stream or channel, read by a test thread. When more than a few
 * MiB wait unread, the connection stops reading (the server must then hold back), and reads again
 * once they are taken: that is how a slow client looks to the server.
 */
public final class InboundBytes {

    private static final byte[] END = new byte[0];
    private static final long HIGH = 4 << 20;
    private static final long LOW = 1 << 20;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final ReadPause pause;
    private final AtomicLong queued = new AtomicLong();
    private byte[] current;
    private int offset;
    private boolean ended;

    InboundBytes(ReadPause pause) {
        this.pause = pause;
    }

    /** Copies {@code data} (the caller releases it). Called on the event loop. */
    void offer(ByteBuf data) {
        byte[] bytes = new byte[data.readableBytes()];
        data.getBytes(data.readerIndex(), bytes);
        chunks.add(bytes);
        if (queued.addAndGet(bytes.length) > HIGH) {
            pause.hold(this);
        }
    }

    void end() {
        chunks.add(END);
    }

    /** Reads into {@code buffer}; -1 at the end. Fails after a minute without data. */
    public synchronized int read(byte[] buffer, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (ended) {
            return -1;
        }
        if (current == null || offset == current.length) {
            try {
                current = chunks.poll(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            offset = 0;
            if (current == null) {
                throw new IOException("no data within " + READ_TIMEOUT.toSeconds() + "s");
            }
            if (current == END) {
                ended = true;
                return -1;
            }
            if (queued.addAndGet(-current.length) < LOW) {
                pause.release(this);
            }
        }
        int n = Math.min(len, current.length - offset);
        System.arraycopy(current, offset, buffer, off, n);
        offset += n;
        return n;
    }

    public InputStream stream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return InboundBytes.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return InboundBytes.this.read(b, off, len);
            }
        };
    }

    /** What has arrived and is not read yet, without waiting, as UTF-8 (for failure messages). */
    public synchronized String unread() {
        StringBuilder text = new StringBuilder();
        if (current != null && offset < current.length) {
            text.append(new String(current, offset, current.length - offset, StandardCharsets.UTF_8));
        }
        chunks.forEach(chunk -> text.append(chunk == END ? "<end>" : new String(chunk, StandardCharsets.UTF_8)));
        return text.toString();
    }

    /** Everything up to the end of the stream, as UTF-8. */
    public String readAll() throws IOException {
        return new String(stream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Reads until the text read so far contains {@code expected}; returns all read. */
    public String readUntil(String expected, Duration timeout) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[4096];
        while (!seen.toString(StandardCharsets.UTF_8).contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("did not see \"" + expected + "\" within " + timeout + "; saw: " + seen);
            }
            int n = read(buffer, 0, buffer.length);
            if (n < 0) {
                throw new IOException("stream ended before \"" + expected + "\"; saw: " + seen);
            }
            seen.write(buffer, 0, n);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }
}
