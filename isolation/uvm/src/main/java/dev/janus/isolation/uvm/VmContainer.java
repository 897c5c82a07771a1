package dev.janus.isolation.uvm;

import dev.janus.cri.errors.CriException;
import dev.janus.isolation.ContainerState;
import dev.janus.isolation.ocispec.ExecProcessSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The host's live view of one container of a VM pod: its record (persisted on every change),
 * the relay that writes its log, and its stdin. The guest reports exits; the host records each
 * exactly once, whoever saw it first (the EXITED event, a wait, a re-list after a restart, the
 * VM's death).
 */
final class VmContainer {

    private final Path vmDir;
    private ContainerFile file;
    private OutputRelay relay;
    private OutputStream stdin;

    VmContainer(Path vmDir, ContainerFile file) {
        this.vmDir = vmDir;
        this.file = file;
    }

    String id() {
        return file.id();
    }

    synchronized ContainerFile file() {
        return file;
    }

    synchronized void save(ContainerFile updated) {
        file = updated;
        StateFiles.write(StateFiles.container(vmDir, file.id()), file);
    }

    /** Records the start; false if it had ended already (a very short-lived process). */
    synchronized boolean started(int pid, long atNanos) {
        if (file.ended()) {
            if (file.startedAtNanos() == 0) {
                save(file.withStartedAt(atNanos));
            }
            return false;
        }
        save(file.started(pid, atNanos));
        return true;
    }

    /** Records the end once: true only for the call that did. */
    synchronized boolean exited(int code, long atNanos, boolean oomKilled, String why) {
        if (file.ended()) {
            return false;
        }
        save(file.exited(code, atNanos, oomKilled, why));
        return true;
    }

    synchronized void io(OutputRelay newRelay, OutputStream newStdin) {
        relay = newRelay;
        stdin = newStdin;
    }

    synchronized OutputRelay relay() {
        return relay;
    }

    synchronized OutputStream stdin() {
        return stdin;
    }

    /** Closes the container's stdin (stdin_once after its attach ended, or removal). */
    synchronized void closeStdin() {
        if (stdin != null) {
            try {
                stdin.close();
            } catch (IOException e) {
                // the stream died with its session
            }
            stdin = null;
        }
    }

    /**
     * What an exec in this container runs: the container's own process from its stored spec
     * (user, groups, capabilities, no_new_privileges, env, cwd...) with {@code command}.
     */
    byte[] execProcess(List<String> command, boolean tty) {
        try {
            return ExecProcessSpec.build(StateFiles.spec(vmDir, id()), command, tty);
        } catch (IOException e) {
            throw CriException.internal("cannot read the spec of container " + id() + ": " + e.getMessage(), e);
        }
    }

    ContainerState state() {
        return file().state();
    }

    Path vmDir() {
        return vmDir;
    }
}
