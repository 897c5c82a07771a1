package dev.janus.guest.agent.containers;

import java.nio.file.Path;

/** A process exec'd in a container; it lives no longer than the session that started it. */
final class GuestExec {

    final String containerId;
    final String execId;
    final Launched launched;
    final ProcessIo io;
    final Path pidFile;
    final Path processFile;
    private int pid;
    private boolean timedOut;

    GuestExec(String containerId, String execId, Launched launched, ProcessIo io, Path pidFile, Path processFile) {
        this.containerId = containerId;
        this.execId = execId;
        this.launched = launched;
        this.io = io;
        this.pidFile = pidFile;
        this.processFile = processFile;
    }

    synchronized int pid() {
        return pid;
    }

    synchronized void pid(int pid) {
        this.pid = pid;
    }

    synchronized boolean timedOut() {
        return timedOut;
    }

    /**
     * Kills the exec'd process first: killing only the runtime would leave it running. Only
     * while the runtime lives: until it has reaped the process, the pid cannot name another.
     */
    void kill(boolean becauseTimedOut) {
        if (!launched.process().isAlive()) {
            return;
        }
        int target;
        synchronized (this) {
            timedOut |= becauseTimedOut;
            target = pid > 0 ? pid : PidFiles.read(pidFile).orElse(0);
        }
        if (target > 0) {
            ProcessHandle.of(target).ifPresent(ProcessHandle::destroyForcibly);
        }
        launched.process().destroyForcibly();
    }
}
