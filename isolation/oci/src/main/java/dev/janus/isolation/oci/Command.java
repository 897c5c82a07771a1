package dev.janus.isolation.oci;

import dev.janus.cri.errors.CriException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A host command run to completion, its output captured, killed if it overruns its time. */
final class Command {

    /** What a finished command printed and its exit code. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Command() {
    }

    static Result run(List<String> argv, Duration timeout, byte[] stdin, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (env != null) {
            builder.environment().putAll(env);
        }
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw CriException.internal("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        if (stdin != null) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the command ended without reading its input; its exit code tells the rest
            }
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new CriException(CriException.Kind.DEADLINE_EXCEEDED,
                        String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + "s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw CriException.internal("interrupted while running " + argv.get(0), e);
        }
    }

    static Result run(List<String> argv, Duration timeout) {
        return run(argv, timeout, null, null);
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        });
        return text;
    }
}
