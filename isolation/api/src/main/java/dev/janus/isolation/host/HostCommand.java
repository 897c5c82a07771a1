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
        try (CapturedOutput output = CapturedOutput.create()) {
            builder.redirectOutput(output.stdout().toFile()).redirectError(output.stderr().toFile());
            builder.redirectInput(stdin == null ? NO_INPUT : output.input(stdin));
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
            return new Result(process.exitValue(), output.readStdout(MAX_OUTPUT), output.readStderr(MAX_OUTPUT));
        } catch (IOException e) {
            throw CriException.internal("cannot capture the output of " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CriException.internal("interrupted while running " + argv.get(0), e);
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

    /** The temp files a command's stdin, stdout and stderr go through, deleted when closed. */
    private static final class CapturedOutput implements AutoCloseable {

        private final Path stdout;
        private final Path stderr;
        private Path stdin;

        private CapturedOutput(Path stdout, Path stderr) {
            this.stdout = stdout;
            this.stderr = stderr;
        }

        static CapturedOutput create() throws IOException {
            return new CapturedOutput(Files.createTempFile("janus-cmd-", ".out"),
                    Files.createTempFile("janus-cmd-", ".err"));
        }

        Path stdout() {
            return stdout;
        }

        Path stderr() {
            return stderr;
        }

        ProcessBuilder.Redirect input(byte[] bytes) throws IOException {
            stdin = Files.write(Files.createTempFile("janus-cmd-", ".in"), bytes);
            return ProcessBuilder.Redirect.from(stdin.toFile());
        }

        String readStdout(int max) throws IOException {
            return read(stdout, max);
        }

        String readStderr(int max) throws IOException {
            return read(stderr, max);
        }

        private static String read(Path file, int max) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                return new String(in.readNBytes(max), StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            if (stdin != null) {
                Files.deleteIfExists(stdin);
            }
        }
    }
}
