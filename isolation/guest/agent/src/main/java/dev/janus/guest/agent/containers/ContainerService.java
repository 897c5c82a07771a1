package dev.janus.guest.agent.containers;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.Log;
import dev.janus.guest.agent.session.Dispatcher;
import dev.janus.guest.agent.session.EventSink;
import dev.janus.guest.agent.storage.DiskMounts;
import dev.janus.guest.agent.storage.Mounts;
import dev.janus.guest.agent.storage.RootfsAssembler;
import dev.janus.guest.agent.sys.Busybox;
import dev.janus.guest.agent.sys.Command;
import dev.janus.guest.agent.sys.NativeOps;
import dev.janus.guest.protocol.Op;
import dev.janus.guest.protocol.ops.AttachContainer;
import dev.janus.guest.protocol.ops.ContainerStats;
import dev.janus.guest.protocol.ops.ContainerStatus;
import dev.janus.guest.protocol.ops.CreateContainer;
import dev.janus.guest.protocol.ops.DeleteContainer;
import dev.janus.guest.protocol.ops.Exec;
import dev.janus.guest.protocol.ops.ListContainers;
import dev.janus.guest.protocol.ops.ResizeTty;
import dev.janus.guest.protocol.ops.SignalProcess;
import dev.janus.guest.protocol.ops.StartContainer;
import dev.janus.guest.protocol.ops.UpdateResources;
import dev.janus.guest.protocol.ops.WaitContainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The container operations, wired and registered; and the stop-everything of a shutdown. */
public final class ContainerService {

    private final ContainerContext context;
    private final ContainerLifecycle lifecycle;
    private final ContainerControl control;
    private final ExecService execs;

    /**
     * @param runtime crun in the guest
     * @param stateDir bundles go in {@code containers/}, the runtime's state in {@code runtime/}
     */
    public ContainerService(Path runtime, Path stateDir, Path cgroupRoot, DiskMounts disks, RootfsAssembler rootfs,
            Busybox busybox, NativeOps natives, EventSink events, LongSupplier currentSession) {
        this.context = new ContainerContext(new ContainerRegistry(),
                new RuntimeCli(runtime, stateDir.resolve("runtime"), Mounts.rootIsInitramfs()), new Launcher(busybox, natives), disks, rootfs,
                stateDir.resolve("containers"), cgroupRoot, events, natives, busybox, currentSession);
        this.lifecycle = new ContainerLifecycle(context);
        this.execs = new ExecService(context);
        this.control = new ContainerControl(context, execs);
    }

    public void register(Dispatcher dispatcher) {
        dispatcher.register(Op.CREATE_CONTAINER, CreateContainer.Request.class, (q, s) -> lifecycle.create(q));
        dispatcher.register(Op.START_CONTAINER, StartContainer.Request.class, lifecycle::start);
        dispatcher.register(Op.ATTACH_CONTAINER, AttachContainer.Request.class, lifecycle::attach);
        dispatcher.register(Op.SIGNAL_PROCESS, SignalProcess.Request.class, (q, s) -> control.signal(q));
        dispatcher.register(Op.WAIT_CONTAINER, WaitContainer.Request.class, (q, s) -> control.await(q));
        dispatcher.register(Op.DELETE_CONTAINER, DeleteContainer.Request.class, (q, s) -> lifecycle.delete(q));
        dispatcher.register(Op.LIST_CONTAINERS, ListContainers.Request.class, (q, s) -> control.list());
        dispatcher.register(Op.EXEC, Exec.Request.class, execs::exec);
        dispatcher.register(Op.RESIZE_TTY, ResizeTty.Request.class, (q, s) -> control.resize(q));
        dispatcher.register(Op.CONTAINER_STATS, ContainerStats.Request.class, (q, s) -> control.stats(q));
        dispatcher.register(Op.UPDATE_RESOURCES, UpdateResources.Request.class, (q, s) -> control.update(q));
    }

    public int count() {
        return context.registry().all().size();
    }

    /** Whether a container's rootfs uses the disk (it must not be unmounted then). */
    public boolean uses(String serial) {
        return context.registry().anyUses(serial);
    }

    /**
     * SIGTERM to every running container, SIGKILL to those still running after {@code grace},
     * then deletes them all (rootfs unmounted, upper directories removed).
     *
     * @return what could not be done
     */
    public List<String> stopAndDeleteAll(Duration grace) {
        List<String> problems = new ArrayList<>();
        List<GuestContainer> running = context.registry().all().stream()
                .filter(c -> c.status() == ContainerStatus.RUNNING).toList();
        for (GuestContainer container : running) {
            Command.run(Duration.ofSeconds(10), context.runtime().kill(container.id, 15, false));
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (GuestContainer container : running) {
            try {
                container.exit.get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Log.info("container %s did not stop within %s: killing it", container.id, grace);
                lifecycle.kill(container, Duration.ofSeconds(5));
            }
        }
        for (GuestContainer container : context.registry().all()) {
            try {
                lifecycle.delete(new DeleteContainer.Request(container.id, true));
            } catch (AgentException e) {
                problems.add(container.id + ": " + e.getMessage());
            }
        }
        return problems;
    }
}
