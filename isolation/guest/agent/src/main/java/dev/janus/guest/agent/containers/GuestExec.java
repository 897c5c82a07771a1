package dev.janus.guest.agent.containers;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A process exec'd in a container; it lives no longer than the session that started it. */
final class GuestExec {

    private static final long REAP_WAIT_MILLIS = 5000;

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
            // the runtime reaps its process and exits; killed first, it would leave a zombie to
            // the container's init, which may never reap it
            try {
                if (launched.process().waitFor(REAP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        launched.process().destroyForcibly();
    }
}
