package dev.janus.isolation.uvm;

import dev.janus.isolation.ContainerState;
import java.time.Instant;
import java.util.List;

/**
 * The host's record of one container of a VM pod ({@code <vm dir>/containers/<id>.json}):
 * enough to answer status without the guest, to resume logging after a restart, and to free
 * its disks. Times are Unix nanoseconds, 0 when not yet.
 *
 * @param layerSerials the layer disks its rootfs stacks, topmost first
 * @param scratchSerial its writable disk; the image file is {@code <vm dir>/<serial>.img}
 * @param guestPid its init in the VM's pid namespace
 * @param message why it ended, when janusd (not the process) decided it: a VM that died
 * @param oomKilled the guest's OOM killer killed a process of the container
 */
record ContainerFile(String id, String sandboxId, String logPath, boolean tty, boolean stdin, boolean stdinOnce,
        List<String> layerSerials, String scratchSerial, ContainerState.Status status, int guestPid,
        long createdAtNanos, long startedAtNanos, long finishedAtNanos, int exitCode, String message,
        boolean oomKilled) {

    ContainerFile {
        layerSerials = layerSerials == null ? List.of() : List.copyOf(layerSerials);
        logPath = logPath == null ? "" : logPath;
        message = message == null ? "" : message;
    }

    ContainerFile started(int pid, long atNanos) {
        return new ContainerFile(id, sandboxId, logPath, tty, stdin, stdinOnce, layerSerials, scratchSerial,
                ContainerState.Status.RUNNING, pid, createdAtNanos, atNanos, 0, 0, "", false);
    }

    ContainerFile withStartedAt(long atNanos) {
        return new ContainerFile(id, sandboxId, logPath, tty, stdin, stdinOnce, layerSerials, scratchSerial, status,
                guestPid, createdAtNanos, atNanos, finishedAtNanos, exitCode, message, oomKilled);
    }

    ContainerFile exited(int code, long atNanos, boolean killedForMemory, String why) {
        return new ContainerFile(id, sandboxId, logPath, tty, stdin, stdinOnce, layerSerials, scratchSerial,
                ContainerState.Status.EXITED, 0, createdAtNanos, startedAtNanos, atNanos, code, why, killedForMemory);
    }

    boolean ended() {
        return status == ContainerState.Status.EXITED;
    }

    /** As the seam reports it. */
    ContainerState state() {
        return new ContainerState(status, guestPid, instant(startedAtNanos), instant(finishedAtNanos), exitCode,
                oomKilled, message);
    }

    static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    static Instant instant(long nanos) {
        return nanos == 0 ? null : Instant.ofEpochSecond(0, nanos);
    }
}
