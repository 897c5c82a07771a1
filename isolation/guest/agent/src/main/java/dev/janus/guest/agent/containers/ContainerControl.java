package dev.janus.guest.agent.containers;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.storage.RootfsAssembler;
import dev.janus.guest.agent.storage.Trees;
import dev.janus.guest.agent.sys.Command;
import dev.janus.guest.protocol.ops.ContainerStats;
import dev.janus.guest.protocol.ops.ContainerStatus;
import dev.janus.guest.protocol.ops.ListContainers;
import dev.janus.guest.protocol.ops.ResizeTty;
import dev.janus.guest.protocol.ops.SignalProcess;
import dev.janus.guest.protocol.ops.UpdateResources;
import dev.janus.guest.protocol.ops.WaitContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * SIGNAL, WAIT, LIST, STATS, RESIZE and UPDATE_RESOURCES of containers (an exec's signal and
 * resize go to ExecService).
 */
final class ContainerControl {

    private final ContainerContext context;
    private final ExecService execs;

    ContainerControl(ContainerContext context, ExecService execs) {
        this.context = context;
        this.execs = execs;
    }

    SignalProcess.Reply signal(SignalProcess.Request request) {
        if (!request.execId().isEmpty()) {
            execs.signal(request);
            return new SignalProcess.Reply();
        }
        GuestContainer container = context.registry().get(request.containerId());
        if (request.signal() <= 0 || request.signal() > 64) {
            throw AgentException.invalid("signal %d", request.signal());
        }
        switch (container.status()) {
            case CREATED, UNKNOWN -> throw AgentException.precondition("container %s is not running", container.id);
            case EXITED -> {
                return new SignalProcess.Reply();
            }
            case RUNNING -> {
                Command.Result result = Command.run(Duration.ofSeconds(10),
                        context.runtime().kill(container.id, request.signal(), request.all()));
                if (!result.ok() && container.status() == ContainerStatus.RUNNING && !container.exit.isDone()) {
                    throw AgentException.internal("cannot signal container " + container.id,
                            new RuntimeException(result.output()));
                }
            }
        }
        return new SignalProcess.Reply();
    }

    WaitContainer.Reply await(WaitContainer.Request request) {
        GuestContainer container = context.registry().get(request.id());
        try {
            long timeout = request.timeoutMillis() > 0 ? request.timeoutMillis() : Long.MAX_VALUE;
            container.exit.get(timeout, TimeUnit.MILLISECONDS);
            return new WaitContainer.Reply(true, container.exitCode(), container.finishedAt(), container.oomKilled());
        } catch (TimeoutException e) {
            return new WaitContainer.Reply(false, 0, 0, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AgentException.unavailable("interrupted waiting for %s", container.id);
        } catch (ExecutionException e) {
            throw AgentException.internal("waiting for " + container.id, e);
        }
    }

    ListContainers.Reply list() {
        long session = context.currentSession().getAsLong();
        return new ListContainers.Reply(context.registry().all().stream().map(c -> c.info(session)).toList());
    }

    ContainerStats.Reply stats(ContainerStats.Request request) {
        GuestContainer container = context.registry().get(request.id());
        Optional<CgroupStats> cgroup = container.status() == ContainerStatus.RUNNING
                ? CgroupStats.read(context.cgroupRoot(), container.cgroupsPath) : Optional.empty();
        Trees.Usage layer = container.scratch == null ? new Trees.Usage(0, 0)
                : Trees.usage(RootfsAssembler.containerDir(container.scratch, container.id).resolve("upper"));
        CgroupStats usage = cgroup.orElse(new CgroupStats(0, 0, 0, 0, 0, 0));
        return new ContainerStats.Reply(Clock.unixNanos(), cgroup.isPresent(), usage.cpuNanos(), usage.usageBytes(),
                usage.workingSetBytes(), usage.rssBytes(), usage.pageFaults(), usage.majorPageFaults(),
                layer.bytes(), layer.inodes());
    }

    /** The runtime writes the cgroup v2 files (cpu.weight, cpu.max, memory.max...) from the OCI resources. */
    UpdateResources.Reply update(UpdateResources.Request request) {
        GuestContainer container = context.registry().get(request.id());
        if (container.status() != ContainerStatus.RUNNING) {
            throw AgentException.precondition("container %s is %s: only a running container's resources can be updated",
                    container.id, container.status());
        }
        try {
            Files.write(container.bundle.resourcesUpdate(), request.resources());
        } catch (IOException e) {
            throw AgentException.internal("cannot write the resources of " + container.id, e);
        }
        Command.Result result = Command.run(Duration.ofSeconds(10),
                context.runtime().update(container.id, container.bundle.resourcesUpdate()));
        if (!result.ok()) {
            throw AgentException.invalid("the runtime refused the resources of %s: %s", container.id, result.output());
        }
        return new UpdateResources.Reply();
    }

    ResizeTty.Reply resize(ResizeTty.Request request) {
        if (!request.execId().isEmpty()) {
            execs.resize(request);
            return new ResizeTty.Reply();
        }
        GuestContainer container = context.registry().get(request.containerId());
        ProcessIo io = container.io();
        if (io == null || container.status() != ContainerStatus.RUNNING) {
            throw AgentException.precondition("container %s is not running", container.id);
        }
        Terminals.resize(io, container.pid(), request.rows(), request.cols(), context.natives());
        return new ResizeTty.Reply();
    }
}
