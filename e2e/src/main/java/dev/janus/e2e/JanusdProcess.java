package dev.janus.e2e;

import dev.janus.cri.api.VersionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A janusd started through {@code bin/janusd} with its own root, state dir and socket, as a
 * user starts it, so several can run side by side. It can be killed with SIGKILL and started
 * again on the same dirs, to test recovery.
 */
public final class JanusdProcess implements AutoCloseable {

    private final Path top;
    private final Path dir;
    private final List<String> extraArgs;
    private Process process;

    /**
     * @param top the checkout (holds bin/janusd)
     * @param dir a directory of this janusd's own: root/, state/, janusd.log
     */
    public JanusdProcess(Path top, Path dir, List<String> extraArgs) {
        this.top = top;
        this.dir = dir;
        this.extraArgs = List.copyOf(extraArgs);
    }

    public Path root() {
        return dir.resolve("root");
    }

    public Path state() {
        return dir.resolve("state");
    }

    public Path socket() {
        return state().resolve("janus.sock");
    }

    public Path log() {
        return dir.resolve("janusd.log");
    }

    public JanusdProcess start() throws IOException, InterruptedException {
        return start(Map.of());
    }

    /** Starts it with {@code env} added to its environment (a crash point to arm, say). */
    public JanusdProcess start(Map<String, String> env) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> argv = new ArrayList<>(List.of(top.resolve("bin/janusd").toString(),
                "--root", root().toString(), "--state", state().toString(),
                "--listen", "unix://" + socket()));
        argv.addAll(extraArgs);
        Files.deleteIfExists(socket());
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        awaitReady(Duration.ofSeconds(60));
        return this;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("janusd exited with " + process.exitValue() + ":\n" + Files.readString(log()));
            }
            if (Files.exists(socket())) {
                try (CriClient client = new CriClient(socket())) {
                    client.runtime().version(VersionRequest.getDefaultInstance());
                    return;
                } catch (RuntimeException notYet) {
                    // the socket exists before the server answers
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("janusd did not answer within " + timeout + ":\n" + Files.readString(log()));
    }

    public long pid() {
        return process.pid();
    }

    /** Its exit code once it ended within {@code wait}; empty while it runs. */
    public java.util.OptionalInt awaitExit(Duration wait) throws InterruptedException {
        if (process.waitFor(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return java.util.OptionalInt.of(process.exitValue());
        }
        return java.util.OptionalInt.empty();
    }

    /** SIGKILL: no shutdown hook runs, as after a crash. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
