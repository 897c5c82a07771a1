package dev.janus.isolation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The live stdio of a process in a container, as a streaming exec or attach reaches it. One
 * thread reads, another may write at the same time; reads and writes block (they may be native
 * calls, so callers use platform threads).
 *
 * <p>The handler's monitor keeps reading the process only as fast as {@link #read} is called, so
 * a caller that stops reading holds the process back instead of making anything buffer.
 */
public interface ProcessStreams extends AutoCloseable {

    /** Which output a chunk came from. */
    enum Source { STDOUT, STDERR }

    /** A chunk of output; {@code data} is only valid until the next {@link #read}. */
    record Output(Source source, ByteBuffer data) {
    }

    /** The next chunk of output, waiting for it; null once the output ended. */
    Output read() throws IOException;

    /** Writes to the process's stdin, all of {@code data}, waiting while the process does not read. */
    void write(ByteBuffer data) throws IOException;

    /** Closes the process's stdin (it reads end of file); output keeps coming. */
    void closeStdin() throws IOException;

    /** Sets the terminal's size; ignored without a terminal. */
    void resize(int width, int height) throws IOException;

    /**
     * The exit code of an exec'd process, read after its output ended, waiting at most
     * {@code wait}; empty for an attach (the container's own exit is not this session's) or when
     * the monitor could not tell.
     */
    OptionalInt exitCode(Duration wait);

    /**
     * Ends the session and frees what it holds. An exec'd process that still runs is killed (its
     * client went away); an attached container keeps running.
     */
    @Override
    void close();
}
