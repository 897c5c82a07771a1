package dev.janus.networking.cni;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host process to completion with a deadline, the whole tree killed on time-out. Its stdin,
 * stdout and stderr go through files, not pipes: a virtual thread blocked reading a pipe holds a
 * carrier thread, and a burst of calls (a node drain stops every pod at once) grew the scheduler
 * by a thread per pipe. A file also never blocks a chatty plugin.
 */
final class ProcessRun {

    /** Plugins print a few kB; anything past this is cut off rather than read into memory. */
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
        Path in = Files.write(Files.createTempFile("janus-cni-", ".in"), stdin);
        Path out = Files.createTempFile("janus-cni-", ".out");
        Path err = Files.createTempFile("janus-cni-", ".err");
        try {
            Process process = builder.redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            boolean finished = waitFor(process, timeout);
            if (!finished) {
                killTree(process);
            }
            return new Outcome(finished ? process.exitValue() : -1, !finished, read(out), read(err));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream stream = Files.newInputStream(file)) {
            return new String(stream.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
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
}
