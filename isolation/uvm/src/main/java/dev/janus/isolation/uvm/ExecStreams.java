package dev.janus.isolation.uvm;

import dev.janus.isolation.ProcessStreams;
import dev.janus.isolation.uvm.agent.ExecProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A streaming exec in a VM pod as the seam's {@link ProcessStreams}: the agent's stdout and
 * stderr streams merged into one sequence of chunks, read as fast as the caller reads (the
 * protocol's flow control then holds the process back), stdin and the terminal size passed on.
 */
final class ExecStreams implements ProcessStreams {

    private final ExecProcess process;
    private final OutputTap output = new OutputTap(true, true);

    ExecStreams(ExecProcess process) {
        this.process = process;
        CompletableFuture.allOf(pump(process.streams().stdout(), Source.STDOUT, output),
                pump(process.streams().stderr(), Source.STDERR, output)).whenComplete((v, e) -> output.end());
    }

    /** Copies a stream into the tap on a virtual thread; a null stream has ended already. */
    static CompletableFuture<Void> pump(InputStream in, Source source, OutputTap tap) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (in == null) {
            done.complete(null);
            return done;
        }
        Thread.ofVirtual().name("exec-" + source).start(() -> {
            byte[] buffer = new byte[32 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    tap.offer(source, buffer, n);
                }
            } catch (IOException e) {
                // the session or the process ended: so does this stream
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    @Override
    public Output read() throws IOException {
        try {
            return output.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void write(ByteBuffer data) throws IOException {
        write(process.streams().stdin(), data);
    }

    static void write(OutputStream stdin, ByteBuffer data) throws IOException {
        if (stdin == null) {
            throw new IOException("the process has no stdin");
        }
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        stdin.write(bytes);
        stdin.flush();
    }

    @Override
    public void closeStdin() throws IOException {
        OutputStream stdin = process.streams().stdin();
        if (stdin != null) {
            stdin.close();
        }
    }

    @Override
    public void resize(int width, int height) throws IOException {
        if (width <= 0 || height <= 0) {
            return; // a client that does not know its size (0x0): nothing to tell the guest
        }
        try {
            process.resize(height, width).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("cannot resize the terminal: " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalInt exitCode(Duration wait) {
        try {
            return OptionalInt.of(process.exit().get(wait.toMillis(), TimeUnit.MILLISECONDS).exitCode());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return OptionalInt.empty();
        }
    }

    @Override
    public void close() {
        if (!process.exit().isDone()) {
            process.signal(Signals.SIGKILL);
        }
        output.close();
        process.streams().close();
    }
}
