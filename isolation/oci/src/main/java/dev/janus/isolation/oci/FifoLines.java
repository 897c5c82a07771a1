package dev.janus.isolation.oci;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines conmon writes on one of its pipes (a FIFO here, as the JDK cannot hand a child extra
 * fds), read by a thread of its own and taken with a time limit. The FIFO is opened read-write,
 * so opening never blocks, and closing writes an empty line to it to end the reader, which no
 * signal could interrupt.
 */
final class FifoLines implements AutoCloseable {

    private static final String END = "";

    private final Path path;
    private final FileChannel fifo;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    private FifoLines(Path path, FileChannel fifo) {
        this.path = path;
        this.fifo = fifo;
    }

    static FifoLines open(Path path, String threadName) throws IOException {
        FifoLines reader = new FifoLines(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
        Thread.ofPlatform().daemon().name(threadName).stackSize(256 * 1024).start(reader::readLoop);
        return reader;
    }

    /** The next line, or null if none came within {@code wait} or the pipe was closed. */
    String next(Duration wait) {
        try {
            String line = lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return line == null || line.equals(END) ? null : line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        StringBuilder line = new StringBuilder();
        try {
            while (!closed && fifo.read(buffer) >= 0) {
                buffer.flip();
                String text = StandardCharsets.UTF_8.decode(buffer).toString();
                buffer.clear();
                for (char c : text.toCharArray()) {
                    if (c != '\n') {
                        line.append(c);
                    } else if (line.isEmpty()) {
                        lines.add(END);
                        return;
                    } else {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                }
            }
        } catch (IOException e) {
            // closed under us
        }
        lines.add(END);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // through a descriptor of its own: the reader's channel is locked by the blocked read
        try (RandomAccessFile writer = new RandomAccessFile(path.toFile(), "rw")) {
            writer.write('\n');
        } catch (IOException e) {
            // the reader ends with the channel anyway
        }
        try {
            fifo.close();
        } catch (IOException e) {
            // nothing left to free
        }
    }
}
