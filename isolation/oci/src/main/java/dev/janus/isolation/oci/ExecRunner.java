package dev.janus.isolation.oci;

import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ExecRequest;
import dev.janus.isolation.ExecResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * ExecSync through the OCI runtime's {@code exec}. Output beyond the cap is read and dropped, so
 * the command never blocks on a full pipe. On timeout the exec'd process itself is killed (its pid
 * comes from the runtime's pid file): killing only the runtime would leave it running.
 */
final class ExecRunner {

    private final RuntimeCli runtime;

    ExecRunner(RuntimeCli runtime) {
        this.runtime = runtime;
    }

    ExecResult run(String containerId, ExecRequest request, Path scratchDir) {
        Path pidFile = scratchDir.resolve("exec-" + System.nanoTime() + ".pid");
        List<String> args = new ArrayList<>(List.of("exec", "--pid-file", pidFile.toString(), containerId));
        args.addAll(request.command());
        Process process;
        try {
            process = new ProcessBuilder(runtime.argv(args))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw CriException.internal("cannot exec in " + containerId, e);
        }
        CompletableFuture<byte[]> out = capped(process.getInputStream(), request.maxOutputBytes());
        CompletableFuture<byte[]> err = capped(process.getErrorStream(), request.maxOutputBytes());
        try {
            boolean finished = request.timeout().isZero()
                    ? process.waitFor() >= Integer.MIN_VALUE
                    : process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killExecProcess(pidFile);
                process.destroyForcibly().waitFor();
                return new ExecResult(-1, out.join(), err.join(), true);
            }
            return new ExecResult(process.exitValue(), out.join(), err.join(), false);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw CriException.internal("interrupted while exec in " + containerId, e);
        } finally {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // a stray pid file in the bundle goes with the bundle
            }
        }
    }

    private static void killExecProcess(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | NumberFormatException e) {
            // the runtime had not started the process yet: destroying the runtime is enough
        }
    }

    private static CompletableFuture<byte[]> capped(InputStream stream, int cap) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (stream) {
                int n;
                while ((n = stream.read(buffer)) > 0) {
                    int keep = Math.min(n, cap - kept.size());
                    if (keep > 0) {
                        kept.write(buffer, 0, keep);
                    }
                }
            } catch (IOException e) {
                // the process is gone; keep what was read
            }
            result.complete(kept.toByteArray());
        });
        return result;
    }
}
