package dev.janus.isolation.host;

import dev.janus.cri.errors.CriException;
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
 * A host tool (runc, conmon, ip, tc, QEMU's launcher) run to completion, its output captured,
 * killed if it overruns its time; a tool that cannot be started is a missing precondition. Output
 * goes to files, not pipes: a virtual thread blocked reading a pipe holds a carrier thread, and a
 * burst of calls (a node drain stops every pod at once) grew the scheduler by one thread per pipe.
 */
public final class HostCommand {

    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new java.io.File("/dev/null"));
    /** The tools print a few lines; more than this is cut off. */
    private static final int MAX_OUTPUT = 1 << 20;

    /** What a finished command printed and its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** stdout then stderr, trimmed: what to quote when the command failed. */
        public String output() {
            return (stdout + stderr).strip();
        }
    }

    private HostCommand() {
    }

    /**
     * @param stdin bytes for its standard input, or null for none (it reads end of file)
     * @param env variables added to janusd's environment, or null
     */
    public static Result run(List<String> argv, Duration timeout, byte[] stdin, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (env != null) {
            builder.environment().putAll(env);
        }
        Path out = null;
        Path err = null;
        Path in = null;
        try {
            out = Files.createTempFile("janus-cmd-", ".out");
            err = Files.createTempFile("janus-cmd-", ".err");
            in = stdin == null ? null : Files.write(Files.createTempFile("janus-cmd-", ".in"), stdin);
            builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(in == null ? NO_INPUT : ProcessBuilder.Redirect.from(in.toFile()));
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new CriException(CriException.Kind.FAILED_PRECONDITION,
                        "cannot run " + argv.get(0) + ": " + e.getMessage(), e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new CriException(CriException.Kind.DEADLINE_EXCEEDED,
                        String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + "s");
            }
            return new Result(process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw CriException.internal("cannot capture the output of " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CriException.internal("interrupted while running " + argv.get(0), e);
        } finally {
            deleteQuietly(out, err, in);
        }
    }

    public static Result run(List<String> argv, Duration timeout) {
        return run(argv, timeout, null, null);
    }

    /** Runs it and fails with its output unless it exits 0; returns its output. */
    public static String check(List<String> argv, Duration timeout) {
        Result result = run(argv, timeout);
        if (!result.ok()) {
            throw CriException.internal(String.join(" ", argv) + " failed (exit " + result.exitCode() + "): "
                    + result.output(), null);
        }
        return result.output();
    }

    private static String read(Path file) throws IOException {
        try (InputStream stream = Files.newInputStream(file)) {
            return new String(stream.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
        }
    }

    private static void deleteQuietly(Path... files) {
        for (Path file : files) {
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException ignored) {
                // a few bytes in the temp dir; nothing depends on them
            }
        }
    }
}
