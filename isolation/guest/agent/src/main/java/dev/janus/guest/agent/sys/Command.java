package dev.janus.guest.agent.sys;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.protocol.ops.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short external command (busybox applets, the runtime's kill and delete) to its end. */
public final class Command {

    private static final int KEPT_OUTPUT = 16 * 1024;

    /** @param output stdout and stderr together, at most 16 KiB */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Command() {
    }

    public static Result run(Duration timeout, List<String> argv) {
        Log.debug("run %s", argv);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw AgentException.internal("cannot run " + argv.getFirst(), e);
        }
        try {
            String output = readCapped(process.getInputStream(), process, timeout);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AgentException(ErrorKind.DEADLINE_EXCEEDED, argv + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), output.strip());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AgentException(ErrorKind.INTERNAL, "interrupted while running " + argv);
        }
    }

    /** Runs the command and fails with its output unless it exits 0. */
    public static String check(Duration timeout, List<String> argv) {
        Result result = run(timeout, argv);
        if (!result.ok()) {
            throw new AgentException(ErrorKind.INTERNAL,
                    String.join(" ", argv) + " failed (exit " + result.exitCode() + "): " + result.output());
        }
        return result.output();
    }

    private static String readCapped(InputStream in, Process process, Duration timeout) {
        // read on another thread so a command that never closes its output still times out
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (kept) {
                        kept.write(buffer, 0, Math.max(0, Math.min(n, KEPT_OUTPUT - kept.size())));
                    }
                }
            } catch (IOException e) {
                // the process is gone: keep what was read
            }
        });
        try {
            if (!reader.join(timeout)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
