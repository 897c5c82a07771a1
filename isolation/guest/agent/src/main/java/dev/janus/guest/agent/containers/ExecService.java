package dev.janus.guest.agent.containers;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.agent.session.AgentSession;
import dev.janus.guest.agent.sys.Command;
import dev.janus.guest.protocol.EventType;
import dev.janus.guest.protocol.ops.ContainerStatus;
import dev.janus.guest.protocol.ops.Exec;
import dev.janus.guest.protocol.ops.Exited;
import dev.janus.guest.protocol.ops.ResizeTty;
import dev.janus.guest.protocol.ops.SignalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * EXEC: {@code crun exec} in the foreground with the process's stdio on the session's streams;
 * its end, or its timeout, comes back as an EXITED event. Exec'd processes die with their session.
 */
final class ExecService {

    private static final Duration PID_WAIT = Duration.ofSeconds(30);
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final ContainerContext context;

    ExecService(ContainerContext context) {
        this.context = context;
    }

    Exec.Reply exec(Exec.Request request, AgentSession session) {
        GuestContainer container = context.registry().get(request.containerId());
        String execId = ContainerRegistry.checkId("exec", request.execId());
        if (container.status() != ContainerStatus.RUNNING) {
            throw AgentException.precondition("container %s is %s, not RUNNING", container.id, container.status());
        }
        if (request.process() == null || request.process().length == 0) {
            throw AgentException.invalid("exec %s in %s without a process spec", execId, container.id);
        }
        Path pidFile = container.bundle.execPidFile(execId);
        Path processFile = container.bundle.execProcess(execId);
        List<String> argv = context.runtime().exec(container.id, pidFile, processFile);
        GuestExec exec;
        synchronized (container.execs) {
            if (container.execs.containsKey(execId)) {
                throw AgentException.exists("exec %s already runs in %s", execId, container.id);
            }
            writeProcess(processFile, request.process());
            Launched launched = request.terminal()
                    ? context.launcher().terminal(argv, request.stdio().rows(), request.stdio().cols())
                    : context.launcher().pipes(argv);
            ProcessIo io = new ProcessIo(container.id + "-" + execId, launched);
            exec = new GuestExec(container.id, execId, launched, io, pidFile, processFile);
            container.execs.put(execId, exec);
            io.start(request.stdio(), session.endpoint());
        }
        Runnable forget = session.onEnd(() -> exec.kill(false));
        Thread.ofVirtual().name("exec-" + execId).start(() -> {
            awaitExit(container, exec, request.timeoutMillis());
            forget.run();
        });
        OptionalInt pid = PidFiles.await(pidFile, exec.launched.process(), PID_WAIT);
        if (exec.launched.pty() != null) {
            exec.launched.pty().releaseSlave();
        }
        exec.pid(pid.orElse(0));
        return new Exec.Reply(pid.orElse(0));
    }

    private void awaitExit(GuestContainer container, GuestExec exec, long timeoutMillis) {
        Process process = exec.launched.process();
        int code;
        try {
            if (timeoutMillis > 0 && !process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                Log.info("exec %s in %s timed out after %d ms", exec.execId, container.id, timeoutMillis);
                exec.kill(true);
            }
            code = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        exec.io.finish(DRAIN);
        container.execs.remove(exec.execId, exec);
        try {
            Files.deleteIfExists(exec.pidFile);
            Files.deleteIfExists(exec.processFile);
        } catch (IOException e) {
            // goes with the bundle
        }
        context.events().send(EventType.EXITED,
                new Exited(container.id, exec.execId, code, Clock.unixNanos(), exec.timedOut(), false));
    }

    private static void writeProcess(Path file, byte[] process) {
        try {
            Files.write(file, process);
        } catch (IOException e) {
            throw AgentException.internal("cannot write the process of exec " + file.getFileName(), e);
        }
    }

    void signal(SignalProcess.Request request) {
        GuestExec exec = find(request.containerId(), request.execId());
        int pid = exec.pid();
        if (pid <= 0) {
            throw AgentException.precondition("exec %s has no process yet", request.execId());
        }
        Command.Result result = Command.run(Duration.ofSeconds(10),
                context.busybox().argv("kill", "-" + request.signal(), Integer.toString(pid)));
        if (!result.ok() && exec.launched.process().isAlive()) {
            throw AgentException.internal("cannot signal exec " + request.execId(), new RuntimeException(result.output()));
        }
    }

    void resize(ResizeTty.Request request) {
        GuestExec exec = find(request.containerId(), request.execId());
        Terminals.resize(exec.io, exec.pid(), request.rows(), request.cols(), context.natives());
    }

    private GuestExec find(String containerId, String execId) {
        GuestExec exec = context.registry().get(containerId).execs.get(execId);
        if (exec == null) {
            throw AgentException.notFound("no exec %s in container %s", execId, containerId);
        }
        return exec;
    }
}
