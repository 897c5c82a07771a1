package dev.janus.isolation.uvm;

import dev.janus.cri.errors.CriException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A read-only view of an image's layers on the host, for the moment the OCI spec is built: the
 * user and group names of the image resolve through its /etc/passwd and /etc/group exactly as
 * overlayfs in the guest will show them (whiteouts and opaque directories included). One layer
 * is its own view; more are an overlay with lower directories only, mounted read-only.
 */
final class HostOverlay implements AutoCloseable {

    private final Path root;
    private final Path mountPoint;

    private HostOverlay(Path root, Path mountPoint) {
        this.root = root;
        this.mountPoint = mountPoint;
    }

    /** @param layers topmost first; empty gives an empty directory */
    static HostOverlay of(List<Path> layers, Path mountPoint) {
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw CriException.internal("cannot create " + mountPoint, e);
        }
        if (layers.size() <= 1) {
            return new HostOverlay(layers.isEmpty() ? mountPoint : layers.getFirst(), null);
        }
        String lower = layers.stream().map(Path::toString).collect(Collectors.joining(":"));
        run(List.of("mount", "-t", "overlay", "overlay", "-o", "ro,lowerdir=" + lower, mountPoint.toString()));
        return new HostOverlay(mountPoint, mountPoint);
    }

    /** The image's root as a container will see it. */
    Path root() {
        return root;
    }

    @Override
    public void close() {
        if (mountPoint != null) {
            run(List.of("umount", mountPoint.toString()));
        }
    }

    private static void run(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw CriException.internal(String.join(" ", argv) + " failed: " + output, null);
            }
        } catch (IOException e) {
            throw CriException.internal("cannot run " + argv.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CriException.internal("interrupted: " + String.join(" ", argv), e);
        }
    }
}
