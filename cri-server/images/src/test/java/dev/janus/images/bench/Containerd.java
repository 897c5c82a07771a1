package dev.janus.images.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private containerd for comparison: its own config, root, state and socket in a directory,
 * the CRI plugin disabled. {@link #close} stops the process it started.
 */
final class Containerd implements AutoCloseable {

    private final Path dir;
    private final Process process;
    private final Thread reaper;

    private Containerd(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
        this.reaper = new Thread(process::destroy, "containerd-reaper");
    }

    static Containerd start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = dir.resolve("config.toml");
        Files.writeString(config, """
                version = 2
                root = "%s"
                state = "%s"
                disabled_plugins = ["io.containerd.grpc.v1.cri"]
                [grpc]
                  address = "%s"
                """.formatted(dir.resolve("root"), dir.resolve("state"), dir.resolve("c.sock")));
        Process process = new ProcessBuilder("containerd", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("containerd.log").toFile()).start();
        Containerd containerd = new Containerd(dir, process);
        Runtime.getRuntime().addShutdownHook(containerd.reaper);
        for (int i = 0; i < 100 && !Files.exists(dir.resolve("c.sock")); i++) {
            if (!process.isAlive()) {
                throw new IOException("containerd exited: " + Files.readString(dir.resolve("containerd.log")));
            }
            Thread.sleep(100);
        }
        containerd.ctr("version");
        return containerd;
    }

    /** Runs ctr against this containerd; returns its output. */
    String ctr(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "ctr";
        command[1] = "--address";
        command[2] = dir.resolve("c.sock").toString();
        System.arraycopy(args, 0, command, 3, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
