package dev.janus.isolation.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.LastErrorException;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.host.HostCommand;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a container under conmon (the monitor cri-o uses): conmon runs the OCI runtime's
 * {@code create}, holds the container's stdio, writes the CRI log, records the exit code, and
 * outlives janusd. conmon reports the container's pid, or the runtime's error, on a sync pipe
 * given as fd 3; the JDK cannot pass extra fds, so a shell opens a FIFO on fd 3 and execs conmon.
 */
final class ConmonLauncher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);

    /** One container's monitor arguments. */
    record Launch(String id, String name, Path bundle, Path logPath, boolean terminal, boolean stdin,
            boolean stdinOnce) {
    }

    private final Path conmon;
    private final RuntimeCli runtime;
    private final OciLayout layout;

    ConmonLauncher(Path conmon, RuntimeCli runtime, OciLayout layout) {
        this.conmon = conmon;
        this.runtime = runtime;
        this.layout = layout;
    }

    /** Creates the container (its process waits for start) and returns its pid. */
    int create(Launch launch) {
        Path fifo = layout.syncFifo(launch.id());
        try {
            Files.createDirectories(layout.persist(launch.id()));
            Files.deleteIfExists(fifo);
            try {
                LibC.INSTANCE.mkfifo(fifo.toString(), 0600);
            } catch (LastErrorException e) {
                throw CriException.internal("cannot make sync fifo " + fifo + ": errno " + e.getErrorCode(), e);
            }
            // read-write, so opening never blocks and the shell's open for writing neither
            try (FileChannel sync = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "exec 3>\"$0\"; exec \"$@\"", fifo.toString()));
                argv.addAll(conmonArgs(launch));
                HostCommand.Result started = HostCommand.run(argv, CREATE_TIMEOUT, null, Map.of("_OCI_SYNCPIPE", "3"));
                if (!started.ok()) {
                    throw CriException.internal("conmon for " + launch.id() + " failed to start: "
                            + started.stderr().trim(), null);
                }
                return readPid(launch.id(), sync);
            }
        } catch (IOException e) {
            throw CriException.internal("cannot create container " + launch.id(), e);
        } finally {
            try {
                Files.deleteIfExists(fifo);
            } catch (IOException ignored) {
                // the bundle goes away with the container anyway
            }
        }
    }

    private List<String> conmonArgs(Launch launch) {
        List<String> args = new ArrayList<>(List.of(conmon.toString(),
                "--cid", launch.id(), "--cuuid", launch.id(), "--name", launch.name(),
                "--runtime", runtime.binary().toString(),
                "--runtime-arg", "--root=" + runtime.root(),
                "--bundle", launch.bundle().toString(),
                "--container-pidfile", layout.pidFile(launch.id()).toString(),
                "--conmon-pidfile", layout.conmonPidFile(launch.id()).toString(),
                "--persist-dir", layout.persist(launch.id()).toString(),
                "--exit-dir", layout.exits().toString(),
                "--socket-dir-path", layout.attach().toString(),
                "--full-attach",
                "--log-level", "warning"));
        args.add("--log-path");
        args.add(launch.logPath() == null ? "none:" : "k8s-file:" + launch.logPath());
        if (launch.terminal()) {
            args.add("--terminal");
        }
        if (launch.stdin()) {
            args.add("--stdin");
            if (!launch.stdinOnce()) {
                args.add("--leave-stdin-open");
            }
        }
        return args;
    }

    /** conmon writes one JSON line: {"pid": N} on success, {"pid": -1, "message": ...} on failure. */
    private static int readPid(String id, FileChannel sync) {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> readLine(sync),
                runnable -> Thread.ofVirtual().start(runnable));
        String text;
        try {
            text = line.get(CREATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            line.cancel(true);
            throw new CriException(CriException.Kind.DEADLINE_EXCEEDED, "container " + id
                    + " was not created within " + CREATE_TIMEOUT.toSeconds() + "s");
        } catch (InterruptedException | ExecutionException e) {
            throw CriException.internal("waiting for the creation of container " + id + " failed", e);
        }
        try {
            JsonNode reply = JSON.readTree(text);
            int pid = reply.path("pid").asInt(-1);
            if (pid <= 0) {
                throw CriException.internal("the OCI runtime could not create container " + id + ": "
                        + reply.path("message").asText("no reason given").trim(), null);
            }
            return pid;
        } catch (IOException e) {
            throw CriException.internal("conmon sent an unreadable reply for " + id + ": " + text, e);
        }
    }

    private static String readLine(FileChannel sync) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (buffer.hasRemaining()) {
                if (sync.read(buffer) < 0) {
                    break;
                }
                if (buffer.position() > 0 && buffer.get(buffer.position() - 1) == '\n') {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("sync pipe closed", e);
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
}
