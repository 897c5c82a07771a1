package dev.janus.isolation.uvm.vm.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does KVM really run a guest here? /dev/kvm existing is not enough: under nested
 * virtualization on our machines SeaBIOS runs with KVM but the Linux kernel spins in the host
 * and never prints. So the probe boots the utility VM's own kernel (no initrd) with KVM and waits
 * for it to print its banner and panic on the missing root file system, which makes QEMU exit
 * (-no-reboot). Anything else within the timeout means TCG. One probe per kernel per janusd.
 */
public final class KvmProbe {

    private static final Logger LOG = LoggerFactory.getLogger(KvmProbe.class);
    private static final Map<List<Path>, Result> CACHE = new ConcurrentHashMap<>();
    private static final Path DEV_KVM = Path.of("/dev/kvm");

    /** What to run, and why. */
    public record Result(Accel accel, String reason) {
    }

    private KvmProbe() {
    }

    /** The cached result for this QEMU and kernel, probing once. */
    public static Result accel(Path qemu, Path kernel, Duration timeout) {
        return CACHE.computeIfAbsent(List.of(qemu, kernel), k -> {
            Result result = probe(qemu, kernel, timeout);
            LOG.info("utility VMs run with {}: {}", result.accel(), result.reason());
            return result;
        });
    }

    static List<String> argv(Path qemu, Path kernel) {
        return List.of(qemu.toString(), "-machine", "q35,accel=kvm", "-cpu", "host", "-m", "128M",
                "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot", "-monitor", "none",
                "-serial", "stdio", "-kernel", kernel.toString(), "-append", "console=ttyS0 panic=-1");
    }

    static Result probe(Path qemu, Path kernel, Duration timeout) {
        if (!Files.isReadable(DEV_KVM) || !Files.isWritable(DEV_KVM)) {
            return new Result(Accel.TCG, "no usable /dev/kvm");
        }
        Process process;
        try {
            process = new ProcessBuilder(argv(qemu, kernel)).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new Result(Accel.TCG, "cannot run " + qemu + ": " + e.getMessage());
        }
        CompletableFuture<String> output = drain(process.getInputStream());
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            return judge(exited, output.get(2, TimeUnit.SECONDS), timeout);
        } catch (Exception e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Result(Accel.TCG, "KVM probe failed: " + e);
        }
    }

    /** KVM only when the kernel booted far enough to panic, and QEMU ended by itself. */
    static Result judge(boolean exited, String output, Duration timeout) {
        boolean booted = output.contains("Linux version");
        if (exited && booted) {
            return new Result(Accel.KVM, "a test kernel booted under KVM");
        }
        if (!exited) {
            return new Result(Accel.TCG, "a test kernel did not boot under KVM within "
                    + timeout.toMillis() + " ms" + (booted ? " (it started)" : " (no output: nested KVM?)"));
        }
        String last = output.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
        return new Result(Accel.TCG, "QEMU with KVM failed: " + last.strip());
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
