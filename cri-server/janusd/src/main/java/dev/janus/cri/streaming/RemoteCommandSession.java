package dev.janus.cri.streaming;

import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ProcessStreams;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec or attach once its client's streams are there, whatever carries them. It starts the
 * process (or reaches the container) off the event loop, then:
 *
 * <pre>
 *   output thread:  process output --(waits while the client is slow)--> stdout / stderr
 *                   end of output --> exit code --> status on the error stream --> close
 *   input thread:   queued client stdin, resizes, end of stdin --> process
 *   client gone:    the process's streams are closed (an exec'd process is killed)
 * </pre>
 *
 * Both threads are platform threads: the handler's reads and writes may be blocking native calls.
 */
final class RemoteCommandSession {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteCommandSession.class);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    private final StreamTarget.RemoteCommand target;
    private final CommandTransport transport;
    private final InputQueue input;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile ProcessStreams process;

    RemoteCommandSession(StreamTarget.RemoteCommand target, CommandTransport transport, ReadGate gate) {
        this.target = target;
        this.transport = transport;
        this.input = new InputQueue(gate);
    }

    /** Client stdin; ownership of {@code data} passes. Called on the event loop. */
    void stdin(ByteBuf data) {
        if (target.forwardStdin()) {
            input.data(data);
        } else {
            data.release();
        }
    }

    void stdinClosed() {
        input.end();
    }

    void resize(TerminalSizes.Size size) {
        input.resize(size.width(), size.height());
    }

    /** Starts the process and the pumps; once. */
    void start() {
        if (started.compareAndSet(false, true)) {
            platformThread("stream-out-" + shortId(), this::runOutput);
        }
    }

    /** The client went away: stop everything; an exec'd process is killed. */
    void clientGone() {
        ended.set(true);
        input.close();
        ProcessStreams streams = process;
        if (streams != null) {
            streams.close();
        }
    }

    private void runOutput() {
        try {
            process = target.open().get();
        } catch (CriException e) {
            LOG.info("{} in {} failed: {}", target.kind(), target.containerId(), e.getMessage());
            end(KubeStatus.internalError("error executing command in container: " + e.getMessage()));
            return;
        }
        if (ended.get()) {
            process.close();
            return;
        }
        platformThread("stream-in-" + shortId(), this::runInput);
        try {
            pumpOutput();
            end(outcome());
        } catch (IOException e) {
            LOG.debug("{} in {}: client gone: {}", target.kind(), target.containerId(), e.getMessage());
            clientGone();
        } catch (RuntimeException e) {
            LOG.warn("{} in {} failed", target.kind(), target.containerId(), e);
            end(KubeStatus.internalError(e.toString()));
        }
    }

    private void pumpOutput() throws IOException {
        ProcessStreams.Output output;
        while ((output = process.read()) != null) {
            Outbound out = transport.output(output.source());
            if (out != null && output.data().hasRemaining()) {
                out.write(output.data());
            }
        }
    }

    private KubeStatus outcome() {
        if (!target.exec()) {
            return KubeStatus.ok();
        }
        OptionalInt code = process.exitCode(EXIT_WAIT);
        if (code.isEmpty()) {
            return KubeStatus.internalError("the exit code of the command is unknown");
        }
        return code.getAsInt() == 0 ? KubeStatus.ok() : KubeStatus.exitCode(code.getAsInt());
    }

    private void runInput() {
        try {
            while (!input.closed()) {
                switch (input.take()) {
                    case InputQueue.Input.Data data -> write(data.bytes());
                    case InputQueue.Input.Resize resize -> resize(resize);
                    case InputQueue.Input.End end -> {
                        if (input.closed()) {
                            return;
                        }
                        process.closeStdin();
                        if (target.endOnStdinClose()) {
                            end(KubeStatus.ok());
                            return;
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("{} in {}: stdin: {}", target.kind(), target.containerId(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A size the terminal refuses never ends the session: stdin goes on flowing, as with runc. */
    private void resize(InputQueue.Input.Resize resize) {
        try {
            process.resize(resize.width(), resize.height());
        } catch (IOException e) {
            LOG.info("{} in {}: terminal size {}x{} not applied: {}", target.kind(), shortId(), resize.width(),
                    resize.height(), e.getMessage());
        }
    }

    private void write(ByteBuf bytes) throws IOException {
        try {
            process.write(bytes.nioBuffer());
        } finally {
            bytes.release();
        }
    }

    /** Reports the outcome once and frees the process's streams (an exec'd process has ended by now). */
    private void end(KubeStatus status) {
        if (ended.compareAndSet(false, true)) {
            transport.finish(status);
            input.close();
            if (process != null) {
                process.close();
            }
        }
    }

    private String shortId() {
        return target.containerId().substring(0, Math.min(12, target.containerId().length()));
    }

    private static void platformThread(String name, Runnable body) {
        Thread.ofPlatform().daemon().name(name).stackSize(256 * 1024).start(body);
    }
}
