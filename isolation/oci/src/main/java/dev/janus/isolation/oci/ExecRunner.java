package dev.janus.isolation.oci;

import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ExecRequest;
import dev.janus.isolation.ExecResult;
import dev.janus.isolation.ocispec.ExecProcessSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ExecSync through the OCI runtime's {@code exec}. Output beyond the cap is read and dropped, so
 * the command never blocks on a full pipe. On timeout the exec'd process itself is killed (its pid
 * comes from the runtime's pid file): killing only the runtime would leave it running.
 */
final class ExecRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ExecRunner.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final RuntimeCli runtime;

    ExecRunner(RuntimeCli runtime) {
        this.runtime = runtime;
    }

    /** @param bundle the container's bundle: its config.json gives the exec's identity */
    ExecResult run(String containerId, ExecRequest request, Path bundle) {
        String name = "exec-" + System.nanoTime();
        Path pidFile = bundle.resolve(name + ".pid");
        Path processFile = bundle.resolve(name + ".json");
        Process process;
        try {
            Files.write(processFile, ExecProcessSpec.build(bundle.resolve("config.json"), request.command(), false));
            process = new ProcessBuilder(runtime.argv(List.of("exec", "--process", processFile.toString(),
                    "--pid-file", pidFile.toString(), containerId)))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            deleteQuietly(processFile);
            throw CriException.internal("cannot exec in " + containerId + ": " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> out = capped(process.getInputStream(), request.maxOutputBytes());
        CompletableFuture<byte[]> err = capped(process.getErrorStream(), request.maxOutputBytes());
        try {
            boolean finished = request.timeout().isZero()
                    ? process.waitFor() >= Integer.MIN_VALUE
                    : process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                long killed = killExecProcess(pidFile, process);
                // the runtime reaps the process it exec'd, then exits: killed before that, it would
                // leave a zombie to the container's init, which may never reap it (pgrep lists it)
                if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.info("timed-out exec in {}: the runtime did not exit after its process; killing it",
                            containerId);
                    process.destroyForcibly().waitFor();
                }
                if (killed > 0 && !awaitReaped(killed)) {
                    LOG.info("timed-out exec in {}: pid {} is still a zombie", containerId, killed);
                }
                long late = readPid(pidFile); // written after we looked, before the runtime died
                if (late > 0 && late != killed) {
                    LOG.info("exec in {} timed out: its pid file came late, killing {}", containerId, late);
                    killAndAwait(late, System.nanoTime() + KILL_WAIT.toNanos());
                }
                return new ExecResult(-1, out.join(), err.join(), true);
            }
            return new ExecResult(process.exitValue(), out.join(), err.join(), false);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw CriException.internal("interrupted while exec in " + containerId, e);
        } finally {
            deleteQuietly(pidFile);
            deleteQuietly(processFile);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stray file in the bundle goes with the bundle
        }
    }

    /**
     * Kills the exec'd process, then waits until it is gone, so the caller hears of the time-out
     * only once nothing runs. The runtime writes the pid file only after starting the process: on
     * a busy host that can come after the deadline, so wait for the file while the runtime lives.
     *
     * @return the pid killed, or -1 if there was none yet
     */
    private static long killExecProcess(Path pidFile, Process runtime) throws InterruptedException {
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        long pid = readPid(pidFile);
        while (pid <= 0 && runtime.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            pid = readPid(pidFile);
        }
        if (pid <= 0) {
            pid = readPid(pidFile); // the runtime may have ended right after writing it
        }
        if (pid <= 0) {
            LOG.info("timed-out exec: no pid file, and the runtime {}",
                    runtime.isAlive() ? "still runs after " + KILL_WAIT.toMillis() + " ms" : "ended");
            return -1; // the runtime never started the process: destroying the runtime is enough
        }
        killAndAwait(pid, deadline);
        return pid;
    }

    private static void killAndAwait(long pid, long deadline) throws InterruptedException {
        if (LOG.isDebugEnabled()) {
            LOG.debug("timed-out exec: killing pid {} ({})", pid, cmdline(pid));
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        while (running(pid) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (running(pid)) {
            LOG.warn("timed-out exec: pid {} still runs after SIGKILL", pid);
        }
    }

    /** Waits briefly until the pid is gone from /proc altogether (reaped, not just dead). */
    private static boolean awaitReaped(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        Path proc = Path.of("/proc", Long.toString(pid));
        while (Files.exists(proc) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return !Files.exists(proc);
    }

    /** Its arguments joined by spaces; empty once it is gone or a zombie (no cmdline until reaped). */
    private static String cmdline(long pid) {
        try {
            // bytes, not strict UTF-8: arguments in any encoding still mean the process runs
            byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException gone) {
            return "";
        }
    }

    private static long readPid(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static boolean running(long pid) {
        return !cmdline(pid).isEmpty();
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
