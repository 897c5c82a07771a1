package dev.janus.isolation.oci;

import dev.janus.isolation.ProcessStreams;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A process's stdio through its conmon: output and stdin over the attach socket, terminal size
 * over the control FIFO. The same for an attach (the container's own conmon) and a streaming
 * exec (a conmon started for the exec), which adds an exit code and a cleanup.
 */
final class ConmonStreams implements ProcessStreams {

    /** conmon writes at most 8 KiB of output and the pipe byte per packet. */
    private static final int PACKET = 8 * 1024 + 1;
    private static final long LINGER_NANOS = 250_000;

    private final AttachSocket socket;
    private final ControlFifo control;
    private final boolean tty;
    private final Function<Duration, OptionalInt> exit;
    private final Runnable cleanup;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(64 * 1024);
    private final ByteBuffer packet = ByteBuffer.allocateDirect(PACKET + 1024);
    private int held;
    private int pipeOfChunk;

    /**
     * @param exit the exit code once output ended, waiting at most the given time; empty for an attach
     * @param cleanup run once when the session ends (kills and removes what an exec left)
     */
    ConmonStreams(AttachSocket socket, ControlFifo control, boolean tty, Function<Duration, OptionalInt> exit,
            Runnable cleanup) {
        this.socket = socket;
        this.control = control;
        this.tty = tty;
        this.exit = exit;
        this.cleanup = cleanup;
    }

    static ConmonStreams attach(AttachSocket socket, ControlFifo control, boolean tty) {
        return new ConmonStreams(socket, control, tty, wait -> OptionalInt.empty(), () -> { });
    }

    /**
     * One packet, then the packets of the same stream that are there, up to 64 KiB; if that left
     * room, once more after a quarter of a millisecond. conmon writes 8 KiB at a time: read one by
     * one, a fast writer's output would cost a wakeup and a frame per 8 KiB; this way it goes on
     * in large chunks, for a quarter of a millisecond of latency (short enough that conmon's socket
     * buffer, about 200 KiB, does not fill meanwhile). A packet of the other stream waits for the
     * next read.
     */
    @Override
    public Output read() throws IOException {
        chunk.clear();
        int pipe = next(false);
        if (pipe < 0) {
            return null;
        }
        if (drain(pipe)) {
            LockSupport.parkNanos(LINGER_NANOS);
            drain(pipe);
        }
        chunk.flip();
        return new Output(pipe == AttachSocket.STDERR_PIPE ? Source.STDERR : Source.STDOUT, chunk);
    }

    /** Takes the packets of {@code pipe} that are there; true if the chunk has room left and no other stream came. */
    private boolean drain(int pipe) throws IOException {
        while (chunk.remaining() >= PACKET) {
            int more = next(true);
            if (more == 0) {
                return true;
            }
            if (more < 0) {
                return false;
            }
            if (more != pipe) {
                held = more;
                return false;
            }
        }
        return false;
    }

    /**
     * Appends the next output packet's bytes to {@code chunk} (or to the side when it is of the
     * other stream) and returns its pipe: -1 at the end, 0 if {@code now} and none is there.
     */
    private int next(boolean now) throws IOException {
        if (held != 0) {
            return nowOrHeld(now);
        }
        while (true) {
            packet.clear();
            int n = now ? socket.receiveNow(packet) : socket.receive(packet);
            if (n <= 0) {
                return n;
            }
            packet.flip();
            int pipe = packet.get();
            if (pipe != AttachSocket.STDOUT_PIPE && pipe != AttachSocket.STDERR_PIPE || !packet.hasRemaining()) {
                continue;
            }
            if (chunk.position() > 0 && pipe != pipeOfChunk) {
                return pipe; // left in packet for the next read
            }
            pipeOfChunk = pipe;
            chunk.put(packet);
            return pipe;
        }
    }

    /** A packet of the other stream was held back by the last read: it starts this one. */
    private int nowOrHeld(boolean now) {
        if (now) {
            return 0;
        }
        int pipe = held;
        held = 0;
        pipeOfChunk = pipe;
        chunk.put(packet);
        return pipe;
    }

    @Override
    public void write(ByteBuffer data) throws IOException {
        socket.send(data);
    }

    @Override
    public void closeStdin() {
        socket.shutdownOutput();
    }

    @Override
    public void resize(int width, int height) throws IOException {
        if (tty && width > 0 && height > 0) {
            control.resize(width, height);
        }
    }

    @Override
    public OptionalInt exitCode(Duration wait) {
        return exit.apply(wait);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            socket.close();
            cleanup.run();
        }
    }
}
