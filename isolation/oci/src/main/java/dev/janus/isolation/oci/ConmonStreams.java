package dev.janus.isolation.oci;

import dev.janus.isolation.ProcessStreams;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A process's stdio through its conmon: output and stdin over the attach socket, terminal size
 * over the control FIFO. The same for an attach (the container's own conmon) and a streaming
 * exec (a conmon started for the exec), which adds an exit code and a cleanup.
 */
final class ConmonStreams implements ProcessStreams {

    private final AttachSocket socket;
    private final ControlFifo control;
    private final boolean tty;
    private final Function<Duration, OptionalInt> exit;
    private final Runnable cleanup;
    private final AtomicBoolean closed = new AtomicBoolean();

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

    @Override
    public Output read() throws IOException {
        while (true) {
            ByteBuffer packet = socket.receive();
            if (packet == null) {
                return null;
            }
            if (packet.remaining() < 2) {
                continue;
            }
            int pipe = packet.get();
            if (pipe == AttachSocket.STDOUT_PIPE) {
                return new Output(Source.STDOUT, packet);
            }
            if (pipe == AttachSocket.STDERR_PIPE) {
                return new Output(Source.STDERR, packet);
            }
        }
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
