package dev.janus.isolation.uvm.vm.qemu;

import dev.janus.cri.errors.CriException;
import dev.janus.isolation.uvm.vm.VmException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A host tool (ip, tc, nsenter, QEMU's launcher) run to its end with its output captured. */
final class HostCommand {

    /** Exit code and stdout+stderr. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private HostCommand() {
    }

    static Result run(List<String> argv, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new VmException(CriException.Kind.FAILED_PRECONDITION,
                    "cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
        }
        try {
            // read before waiting: a chatty command must not block on a full pipe
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new VmException(CriException.Kind.DEADLINE_EXCEEDED,
                        String.join(" ", argv) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            process.destroyForcibly();
            throw VmException.failed("reading the output of " + argv.getFirst(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw VmException.failed("interrupted while running " + argv.getFirst(), e);
        }
    }

    /** Runs it and fails with its output unless it exits 0. */
    static String check(List<String> argv, Duration timeout) {
        Result result = run(argv, timeout);
        if (!result.ok()) {
            throw VmException.failed(String.join(" ", argv) + " failed (exit " + result.exitCode() + "): "
                    + result.output(), null);
        }
        return result.output();
    }
}
