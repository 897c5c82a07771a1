package dev.janus.images.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Mounts snapshots the way a runtime will: read-only overlayfs with the layers as lowerdirs. */
final class Overlay implements AutoCloseable {

    private final Path merged;

    private Overlay(Path merged) {
        this.merged = merged;
    }

    static Overlay mount(List<Path> layersTopFirst, Path merged) throws IOException, InterruptedException {
        Files.createDirectories(merged);
        String lower = layersTopFirst.stream().map(Path::toString).collect(Collectors.joining(":"));
        run("mount", "-t", "overlay", "overlay", "-o", "ro,lowerdir=" + lower, merged.toString());
        return new Overlay(merged);
    }

    Path path(String inside) {
        return merged.resolve(inside);
    }

    /** Runs a command chrooted into the merged view; returns its output. */
    String chroot(String... command) throws IOException, InterruptedException {
        String[] full = new String[command.length + 2];
        full[0] = "chroot";
        full[1] = merged.toString();
        System.arraycopy(command, 0, full, 2, command.length);
        return run(full);
    }

    @Override
    public void close() throws IOException {
        try {
            run("umount", merged.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting " + merged, e);
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
