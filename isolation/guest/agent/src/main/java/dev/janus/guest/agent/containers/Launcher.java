package dev.janus.guest.agent.containers;

import dev.janus.guest.agent.AgentException;
import dev.janus.guest.agent.sys.Busybox;
import dev.janus.guest.agent.sys.NativeOps;
import dev.janus.guest.agent.sys.Pty;
import dev.janus.guest.protocol.ops.ErrorKind;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the OCI runtime in the foreground, with pipes or with a terminal.
 *
 * <p>With a terminal, crun and runc both want their own stdin to be a tty (they make it raw and
 * copy its size to the container's pty), so the agent opens a pty and runs the runtime as
 * {@code setsid sh -c 'exec runtime... <slave >slave 2>&1'}: in a new session whose controlling
 * terminal is that slave. The JVM never opens the slave without O_NOCTTY itself, so it can never
 * acquire it as its own controlling terminal (and be hung up with it).
 */
final class Launcher {

    private final Busybox busybox;
    private final NativeOps natives;

    Launcher(Busybox busybox, NativeOps natives) {
        this.busybox = busybox;
        this.natives = natives;
    }

    Launched pipes(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).start();
            return new Launched(process, process.getOutputStream(), process.getInputStream(), process.getErrorStream(), null);
        } catch (IOException e) {
            throw AgentException.internal("cannot start " + argv.getFirst(), e);
        }
    }

    Launched terminal(List<String> argv, int rows, int cols) {
        Pty pty;
        try {
            pty = natives.openPty();
        } catch (UnsupportedOperationException e) {
            throw new AgentException(ErrorKind.FAILED_PRECONDITION, e.getMessage());
        } catch (IOException e) {
            throw AgentException.internal("cannot open a pty", e);
        }
        try {
            if (rows > 0 && cols > 0) {
                pty.resize(rows, cols);
            }
            List<String> wrapped = new ArrayList<>(busybox.argv("setsid", busybox.binary().toString(), "sh", "-c",
                    "exec \"$@\" <\"$0\" >\"$0\" 2>&1", pty.slavePath()));
            wrapped.addAll(argv);
            Process process = new ProcessBuilder(wrapped)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new Launched(process, pty.input(), pty.output(), null, pty);
        } catch (IOException | RuntimeException e) {
            try {
                pty.close();
            } catch (IOException ignored) {
                // nothing more to undo
            }
            throw e instanceof AgentException a ? a : AgentException.internal("cannot start " + argv.getFirst(), e);
        }
    }
}
