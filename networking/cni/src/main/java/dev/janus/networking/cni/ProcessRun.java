package dev.janus.networking.cni;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a host process to completion with a deadline: stdin written, stdout and stderr read on
 * virtual threads (so a chatty stderr cannot block the plugin), the whole tree killed on time-out.
 */
final class ProcessRun {

    /** Plugins print a few kB; anything past this is cut off rather than held in memory. */
    private static final int MAX_OUTPUT = 4 << 20;

    /** What a finished (or killed) process left. */
    record Outcome(int exitCode, boolean timedOut, String stdout, String stderr) {

        boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** The last non-blank line of stderr (where tools put the reason), or "". */
        String stderrTail() {
            List<String> lines = stderr.strip().lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.getLast().strip();
        }
    }

    private ProcessRun() {
    }

    /**
     * @param env variables to set; a {@code null} value removes a variable
     * @throws IOException when the process cannot be started at all
     */
    static Outcome run(List<String> command, Map<String, String> env, byte[] stdin,
            Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        env.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        Process process = builder.start();
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        feed(process.getOutputStream(), stdin);
        boolean finished = waitFor(process, timeout);
        if (!finished) {
            killTree(process);
        }
        return new Outcome(finished ? process.exitValue() : -1, !finished, join(out), join(err));
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().name("cni-process-output").start(() -> {
            try (stream) {
                byte[] bytes = stream.readNBytes(MAX_OUTPUT);
                stream.transferTo(OutputStream.nullOutputStream());
                result.complete(new String(bytes, StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.complete("");
            }
        });
        return result;
    }

    /** A plugin may exit without reading stdin (a VERSION answer, a fast failure): not an error. */
    private static void feed(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            stdin.write(bytes);
        } catch (IOException ignored) {
            // broken pipe: the exit status and stdout tell what happened
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Children first: once the parent is gone they are re-parented and no longer found. */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String join(CompletableFuture<String> output) {
        try {
            return output.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
