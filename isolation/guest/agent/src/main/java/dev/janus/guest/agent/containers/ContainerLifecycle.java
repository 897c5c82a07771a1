package dev.janus.guest.agent.containers;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.agent.session.AgentSession;
import dev.janus.guest.agent.storage.DiskMounts;
import dev.janus.guest.agent.storage.Trees;
import dev.janus.guest.agent.sys.Command;
import dev.janus.guest.protocol.EventType;
import dev.janus.guest.protocol.ops.AttachContainer;
import dev.janus.guest.protocol.ops.ContainerStatus;
import dev.janus.guest.protocol.ops.CreateContainer;
import dev.janus.guest.protocol.ops.DeleteContainer;
import dev.janus.guest.protocol.ops.Exited;
import dev.janus.guest.protocol.ops.StartContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** CREATE, START, ATTACH and DELETE of containers. */
final class ContainerLifecycle {

    private static final Duration PID_WAIT = Duration.ofSeconds(30);
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final ContainerContext context;

    ContainerLifecycle(ContainerContext context) {
        this.context = context;
    }

    CreateContainer.Reply create(CreateContainer.Request request) {
        String id = ContainerRegistry.checkId("container", request.id());
        if (context.registry().find(id) != null) {
            throw AgentException.exists("container %s already exists", id);
        }
        List<Path> lowers = request.layerSerials().stream()
                .map(serial -> context.disks().require(serial, false).mountPoint()).toList();
        Path scratch = null;
        if (!lowers.isEmpty() || !request.scratchSerial().isEmpty()) {
            DiskMounts.Mounted disk = context.disks().require(request.scratchSerial(), true);
            scratch = disk.mountPoint();
        }
        Bundle bundle = new Bundle(context.bundles().resolve(id));
        GuestContainer container = new GuestContainer(id, bundle, request.terminal(), request.cgroupsPath(),
                request.layerSerials(), request.scratchSerial(), scratch);
        context.registry().add(container);
        try {
            Files.createDirectories(bundle.dir());
            Files.write(bundle.config(), request.ociSpec());
            context.rootfs().assemble(lowers, scratch, id, bundle.rootfs());
        } catch (IOException | RuntimeException e) {
            undoCreate(container);
            throw e instanceof AgentException a ? a : AgentException.internal("cannot create container " + id, e);
        }
        Log.info("created container %s (%d layers)", id, lowers.size());
        return new CreateContainer.Reply(bundle.dir().toString(), bundle.rootfs().toString());
    }

    StartContainer.Reply start(StartContainer.Request request, AgentSession session) {
        GuestContainer container = context.registry().get(request.id());
        Launched launched;
        ProcessIo io;
        synchronized (container) {
            if (container.status() != ContainerStatus.CREATED) {
                throw AgentException.precondition("container %s is %s, not CREATED", container.id, container.status());
            }
            List<String> argv = context.runtime().run(container.id, container.bundle);
            launched = container.terminal
                    ? context.launcher().terminal(argv, request.stdio().rows(), request.stdio().cols())
                    : context.launcher().pipes(argv);
            io = new ProcessIo(container.id, launched);
            io.start(request.stdio(), session.endpoint());
            container.started(launched, io, session.number());
        }
        Thread.ofVirtual().name("wait-" + container.id).start(() -> awaitExit(container, launched, io));
        OptionalInt pid = PidFiles.await(container.bundle.pidFile(), launched.process(), PID_WAIT);
        if (launched.pty() != null) {
            launched.pty().releaseSlave();
        }
        if (pid.isEmpty() && !launched.process().isAlive()) {
            throw AgentException.precondition("the runtime exited %d before container %s started: %s",
                    launched.process().exitValue(), container.id, io.firstErrors(Duration.ofSeconds(2)));
        }
        container.pid(pid.orElse(0));
        Log.info("started container %s, pid %d", container.id, pid.orElse(0));
        return new StartContainer.Reply(pid.orElse(0), Clock.unixNanos());
    }

    private void awaitExit(GuestContainer container, Launched launched, ProcessIo io) {
        int code;
        try {
            code = launched.process().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean oomKilled = OomKills.count(oomScope(container)) > 0;
        // the state is EXITED at once; the event waits for the output's end, so it comes after it
        long at = container.exited(code, oomKilled);
        container.exit.complete(code);
        Log.info("container %s exited %d%s", container.id, code, oomKilled ? " (OOM killed)" : "");
        io.finish(DRAIN);
        context.events().send(EventType.EXITED, new Exited(container.id, "", code, at, false, oomKilled));
    }

    AttachContainer.Reply attach(AttachContainer.Request request, AgentSession session) {
        GuestContainer container = context.registry().get(request.id());
        ProcessIo io = container.io();
        if (io == null) {
            throw AgentException.precondition("container %s has not been started", container.id);
        }
        io.bind(request.stdio(), session.endpoint(), false);
        container.attached(session.number());
        return new AttachContainer.Reply(container.info(session.number()));
    }

    DeleteContainer.Reply delete(DeleteContainer.Request request) {
        GuestContainer container = context.registry().find(request.id());
        if (container == null) {
            return new DeleteContainer.Reply();
        }
        if (container.status() == ContainerStatus.RUNNING) {
            if (!request.force()) {
                throw AgentException.precondition("container %s is running; stop it or delete with force", container.id);
            }
            kill(container, Duration.ofSeconds(10));
        }
        container.execs.values().forEach(exec -> exec.kill(false));
        Command.run(Duration.ofSeconds(30), context.runtime().delete(container.id));
        undoCreate(container);
        Log.info("deleted container %s", container.id);
        return new DeleteContainer.Reply();
    }

    /** SIGKILL through the runtime, then the runtime process itself if the container outlives that. */
    void kill(GuestContainer container, Duration wait) {
        Command.run(Duration.ofSeconds(10), context.runtime().kill(container.id, 9, true));
        try {
            container.exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Launched launched = container.launched();
            if (launched != null) {
                launched.process().destroyForcibly();
            }
            container.exit.completeOnTimeout(137, 5, TimeUnit.SECONDS).join();
        }
    }

    private Path oomScope(GuestContainer container) {
        return OomKills.scope(context.cgroupRoot(), container.cgroupsPath, container.id);
    }

    private void undoCreate(GuestContainer container) {
        String leaf = container.cgroupsPath.startsWith("/") ? container.cgroupsPath.substring(1) : container.cgroupsPath;
        if (!leaf.isEmpty()) {
            OomKills.remove(oomScope(container), context.cgroupRoot().resolve(leaf));
        }
        context.rootfs().disassemble(container.bundle.rootfs(), container.scratch, container.id);
        Trees.delete(container.bundle.dir());
        context.registry().remove(container);
    }
}
