package dev.janus.guest.agent.containers;

import dev.janus.guest.protocol.ops.ContainerInfo;
import dev.janus.guest.protocol.ops.ContainerStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One container the agent holds, from CREATE_CONTAINER to DELETE_CONTAINER.
 *
 * <pre>
 *   CREATED --start--> RUNNING --runtime exits--> EXITED
 * </pre>
 */
final class GuestContainer {

    final String id;
    final Bundle bundle;
    final boolean terminal;
    final String cgroupsPath;
    final List<String> layerSerials;
    final String scratchSerial;
    /** Where the upper directory lives; null for a container without layers. */
    final Path scratch;
    final long createdAt;
    final Map<String, GuestExec> execs = new ConcurrentHashMap<>();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private ContainerStatus status = ContainerStatus.CREATED;
    private int pid;
    private long startedAt;
    private long finishedAt;
    private int exitCode;
    private boolean oomKilled;
    private Launched launched;
    private ProcessIo io;
    private long attachedSession;

    GuestContainer(String id, Bundle bundle, boolean terminal, String cgroupsPath, List<String> layerSerials,
            String scratchSerial, Path scratch) {
        this.id = id;
        this.bundle = bundle;
        this.terminal = terminal;
        this.cgroupsPath = cgroupsPath;
        this.layerSerials = List.copyOf(layerSerials);
        this.scratchSerial = scratchSerial;
        this.scratch = scratch;
        this.createdAt = Clock.unixNanos();
    }

    synchronized ContainerStatus status() {
        return status;
    }

    synchronized int pid() {
        return pid;
    }

    synchronized Launched launched() {
        return launched;
    }

    synchronized ProcessIo io() {
        return io;
    }

    synchronized void started(Launched launched, ProcessIo io, long session) {
        this.launched = launched;
        this.io = io;
        this.attachedSession = session;
        this.status = ContainerStatus.RUNNING;
        this.startedAt = Clock.unixNanos();
    }

    synchronized void pid(int pid) {
        this.pid = pid;
    }

    synchronized void attached(long session) {
        this.attachedSession = session;
    }

    synchronized long exited(int code, boolean killedForMemory) {
        status = ContainerStatus.EXITED;
        exitCode = code;
        oomKilled = killedForMemory;
        finishedAt = Clock.unixNanos();
        return finishedAt;
    }

    synchronized int exitCode() {
        return exitCode;
    }

    synchronized long finishedAt() {
        return finishedAt;
    }

    synchronized boolean oomKilled() {
        return oomKilled;
    }

    synchronized ContainerInfo info(long currentSession) {
        return new ContainerInfo(id, status, pid, createdAt, startedAt, finishedAt, exitCode, terminal,
                status == ContainerStatus.RUNNING && attachedSession == currentSession,
                List.copyOf(execs.keySet()), oomKilled);
    }

    boolean uses(String serial) {
        return layerSerials.contains(serial) || scratchSerial.equals(serial);
    }
}
