package dev.janus.isolation.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.LastErrorException;
import dev.janus.cri.errors.CriException;
import dev.janus.isolation.Stdio;
import dev.janus.isolation.fs.Trees;
import dev.janus.isolation.ocispec.ExecProcessSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A streaming exec under a conmon of its own, as podman runs one: conmon runs {@code runc exec
 * --detach} (with a console when a terminal is asked), holds the process's stdio behind an
 * attach socket and a control FIFO in the exec's directory, and reports the pid and then the
 * exit code on its sync pipe. The handshake (conmon API 1, exec-attach) makes sure no output is
 * written before the attach socket has its reader:
 *
 * <pre>
 *   janusd                           conmon
 *   start pipe  "go"  -------------> forks into the background
 *               &lt;------------------ attach pipe {"data": 0}: the attach socket listens
 *   connect to the attach socket
 *   start pipe  "go"  -------------> runs runc exec
 *               &lt;------------------ sync pipe {"data": PID} (or a negative value and a message)
 *   ... stdio ...
 *               &lt;------------------ attach socket closed, then sync pipe {"data": EXIT CODE}
 * </pre>
 */
final class ConmonExec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Duration MONITOR_EXIT = Duration.ofSeconds(5);

    private final Path conmon;
    private final RuntimeCli runtime;
    private final OciLayout layout;

    ConmonExec(Path conmon, RuntimeCli runtime, OciLayout layout) {
        this.conmon = conmon;
        this.runtime = runtime;
        this.layout = layout;
    }

    ConmonStreams start(String containerId, List<String> command, Stdio stdio) {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        String execId = HexFormat.of().formatHex(random);
        Path dir = layout.execDir(containerId, execId);
        Session session = null;
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("process.json"),
                    ExecProcessSpec.build(layout.bundle(containerId).resolve("config.json"), command, stdio.tty()));
            for (String fifo : List.of("sync", "start", "attach")) {
                LibC.INSTANCE.mkfifo(dir.resolve(fifo).toString(), 0600);
            }
            session = new Session(dir, FifoLines.open(dir.resolve("sync"), "exec-sync-" + execId),
                    FifoLines.open(dir.resolve("attach"), "exec-attach-" + execId),
                    FileChannel.open(dir.resolve("start"), StandardOpenOption.READ, StandardOpenOption.WRITE));
            return handshake(containerId, execId, stdio, session);
        } catch (IOException | LastErrorException e) {
            cleanup(dir, session);
            throw CriException.internal("cannot exec in container " + containerId + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanup(dir, session);
            throw e;
        }
    }

    /** The pipes of one exec's conmon, open from before it starts until the session ends. */
    private record Session(Path dir, FifoLines sync, FifoLines attachReady, FileChannel start) {
    }

    private ConmonStreams handshake(String containerId, String execId, Stdio stdio, Session session)
            throws IOException {
        Path dir = session.dir();
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "exec 3>\"$0\" 4<\"$1\" 5>\"$2\"; shift 2; exec \"$@\"",
                dir.resolve("sync").toString(), dir.resolve("start").toString(), dir.resolve("attach").toString()));
        argv.addAll(conmonArgs(containerId, execId, dir, stdio));
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("conmon.log").toFile());
        builder.environment().putAll(java.util.Map.of("_OCI_SYNCPIPE", "3", "_OCI_STARTPIPE", "4",
                "_OCI_ATTACHPIPE", "5"));
        Process launcher = builder.start();
        go(session);
        awaitLauncher(containerId, launcher, dir);
        expect(session.attachReady().next(STEP), containerId, "its attach socket", dir);
        AttachSocket socket = AttachSocket.connect(dir.resolve("attach"));
        try {
            go(session);
            int pid = expect(session.sync().next(STEP), containerId, "the process", dir);
            if (pid <= 0) {
                throw CriException.internal("conmon reported no process for the exec in " + containerId, null);
            }
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        ExitCode exit = new ExitCode(session.sync());
        return new ConmonStreams(socket, new ControlFifo(dir.resolve("ctl")), stdio.tty(), exit::await,
                () -> Thread.ofVirtual().name("exec-cleanup-" + execId).start(() -> cleanup(dir, session)));
    }

    private List<String> conmonArgs(String containerId, String execId, Path dir, Stdio stdio) {
        List<String> args = new ArrayList<>(List.of(conmon.toString(), "--api-version",
                "--exec", "--exec-attach", "--exec-process-spec", dir.resolve("process.json").toString(),
                "--cid", containerId, "--cuuid", execId, "--name", "exec-" + execId,
                "--runtime", runtime.binary().toString(), "--runtime-arg", "--root=" + runtime.root(),
                "--bundle", dir.toString(),
                "--container-pidfile", dir.resolve("pid").toString(),
                "--conmon-pidfile", dir.resolve("conmon.pid").toString(),
                "--persist-dir", dir.toString(),
                "--socket-dir-path", dir.toString(), "--full-attach",
                "--log-path", "none:", "--log-level", "warning"));
        if (stdio.tty()) {
            args.add("--terminal");
        }
        if (stdio.stdin()) {
            args.add("--stdin"); // without --leave-stdin-open: closing our side closes the process's stdin
        }
        return args;
    }

    private static void go(Session session) throws IOException {
        session.start().write(ByteBuffer.wrap(new byte[] {'g', 'o'}));
    }

    /** conmon forks into the background once it read the first "go"; its first process then exits. */
    private static void awaitLauncher(String containerId, Process launcher, Path dir) throws IOException {
        try {
            if (!launcher.waitFor(STEP.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                launcher.destroyForcibly();
                throw new CriException(CriException.Kind.DEADLINE_EXCEEDED,
                        "conmon for an exec in " + containerId + " did not start within " + STEP.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting conmon", e);
        }
        if (launcher.exitValue() != 0) {
            throw CriException.internal("conmon for an exec in " + containerId + " failed: " + log(dir), null);
        }
    }

    /** The "data" of one of conmon's JSON lines; a failure carries conmon's message. */
    private static int expect(String line, String containerId, String what, Path dir) throws IOException {
        if (line == null) {
            throw new CriException(CriException.Kind.DEADLINE_EXCEEDED, "conmon did not report " + what
                    + " of an exec in " + containerId + " within " + STEP.toSeconds() + "s " + log(dir));
        }
        JsonNode reply = JSON.readTree(line);
        int data = reply.path("data").asInt(-1);
        if (data < 0) {
            throw CriException.internal("exec in container " + containerId + " failed: "
                    + reply.path("message").asText("conmon gave no reason").trim(), null);
        }
        return data;
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("conmon.log")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** The exit code conmon sends last, read once and kept. */
    private static final class ExitCode {
        private final FifoLines sync;
        private OptionalInt code;

        ExitCode(FifoLines sync) {
            this.sync = sync;
        }

        synchronized OptionalInt await(Duration wait) {
            if (code == null) {
                String line = sync.next(wait);
                int value = -1;
                try {
                    value = line == null ? -1 : JSON.readTree(line).path("data").asInt(-1);
                } catch (IOException e) {
                    // unreadable: unknown
                }
                code = value < 0 ? OptionalInt.empty() : OptionalInt.of(value);
            }
            return code;
        }
    }

    /** Kills the exec'd process if it still runs (its client went away), lets conmon end, removes the dir. */
    private static void cleanup(Path dir, Session session) {
        process(dir.resolve("pid")).ifPresent(ProcessHandle::destroyForcibly);
        process(dir.resolve("conmon.pid")).ifPresent(monitor -> {
            try {
                monitor.onExit().get(MONITOR_EXIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                monitor.destroyForcibly();
            }
        });
        if (session != null) {
            session.sync().close();
            session.attachReady().close();
            try {
                session.start().close();
            } catch (IOException e) {
                // closing a FIFO we only hold
            }
        }
        Trees.delete(dir);
    }

    private static java.util.Optional<ProcessHandle> process(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return pid > 0 ? ProcessHandle.of(pid) : java.util.Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
